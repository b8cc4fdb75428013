using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using VidStudio.Core.Frames;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;

namespace VidStudio.Bench;

/// <summary>
/// x264 settings for ASCII frames: the engine's frames of a natural-content clip (or <c>--clip</c>) rendered once to raw
/// yuv420p, then encoded with each candidate setting; speed is frames/s of the encode alone, quality the SSIM of the
/// decoded MP4 against the raw frames (ffmpeg's ssim filter), size the MP4's bytes.
/// </summary>
internal static partial class X264Scenario
{
    private static readonly (string Name, string[] Arguments)[] Candidates =
    [
        ("veryfast (before)", ["-preset", "veryfast"]),
        ("veryfast, tune animation", ["-preset", "veryfast", "-tune", "animation"]),
        ("veryfast, tune stillimage", ["-preset", "veryfast", "-tune", "stillimage"]),
        ("veryfast, no b-frames (default)", ["-preset", "veryfast", "-bf", "0"]),
        ("veryfast, keyint 50", ["-preset", "veryfast", "-g", "50"]),
        ("veryfast, aq-mode 0", ["-preset", "veryfast", "-x264-params", "aq-mode=0"]),
        ("veryfast, psy-rd 0", ["-preset", "veryfast", "-x264-params", "psy-rd=0.0,0.0"]),
        ("superfast", ["-preset", "superfast"]),
        ("faster", ["-preset", "faster"]),
    ];

    public static async Task RunAsync(FfmpegTools tools, FontSet fonts, string work, IReadOnlyList<string> clips)
    {
        foreach (var clip in clips.Count > 0 ? clips : [await Inputs.NaturalClipAsync(work, 1920, 1080, 4)])
        {
            foreach (var options in new[] { new ConversionOptions { SavePng = false }, new ConversionOptions { SavePng = false, Style = AsciiStyle.Shape, ColorMode = ColorMode.Cell } })
            {
                await RunClipAsync(tools, fonts, work, clip, options);
            }
        }
    }

    private static async Task RunClipAsync(FfmpegTools tools, FontSet fonts, string work, string clip, ConversionOptions options)
    {
        var media = await new VideoProber(tools).ProbeAsync(clip);
        var geometry = GridGeometry.For(media.Width, media.Height, options.Width, fonts.CellAspect);
        var raw = await Floors.RenderRawYuvAsync(tools, fonts, clip, options, work);
        var frames = (int)(new FileInfo(raw).Length / PixelConverter.Yuv420Length(geometry));
        var size = $"{geometry.EncodeWidth}x{geometry.EncodeHeight}";
        Console.WriteLine();
        Console.WriteLine($"x264 on {Path.GetFileName(clip)}, style {ApiNames.Of(options.Style)}/{ApiNames.Of(options.ColorMode)}, {frames} frames of {size}, crf {options.Crf}:");
        var table = new List<string[]> { new[] { "setting", "encode f/s", "SSIM", "size KB" } };
        foreach (var (name, arguments) in Candidates)
        {
            var output = Path.Combine(work, "x264-candidate.mp4");
            var clock = Stopwatch.StartNew();
            await Shell.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", size, "-framerate", "25", "-i", raw,
                "-c:v", "libx264", .. arguments, "-crf", options.Crf.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p", output]);
            var fps = frames / clock.Elapsed.TotalSeconds;
            var report = await Shell.RunCapturingErrorsAsync("ffmpeg", "-v", "info", "-nostats", "-i", output,
                "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", size, "-framerate", "25", "-i", raw, "-lavfi", "ssim", "-f", "null", "-");
            var ssim = SsimAll().Match(report) is { Success: true } m ? m.Groups[1].Value : "?";
            table.Add([name, fps.ToString("0.0"), ssim, (new FileInfo(output).Length / 1024).ToString()]);
        }

        Table.Print(table);
        File.Delete(raw);
    }

    [GeneratedRegex(@"All:([0-9.]+)")]
    private static partial Regex SsimAll();
}
