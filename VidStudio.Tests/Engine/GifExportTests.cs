using System.Globalization;
using SkiaSharp;
using VidStudio.Core.Options;
using VidStudio.Core.Output.Gif;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Engine;

/// <summary>The GIF export, read back with ffprobe and ffmpeg.</summary>
public class GifExportTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    [Theory]
    [InlineData(25, 2.0)]
    [InlineData(30, 1.5)]
    public async Task The_gif_has_every_frame_at_the_chosen_width_and_lasts_as_long_as_the_source(int fps, double seconds)
    {
        var source = engine.Media.TestSource($"gif-{fps}.mp4", 320, 180, fps: fps, seconds: seconds, audio: false);
        var output = engine.Media.NewOutputFolder();
        var result = await engine.Converter.ConvertAsync(source, output,
            new ConversionOptions { Width = 60, SaveGif = true, GifWidth = 200, SavePng = false, SaveMp4 = false });

        var gif = Path.Combine(output, GifOutput.FileName);
        Assert.Contains(result.Artifacts, a => a.Kind == GifOutput.Format.Kind && a.SizeBytes > 0);
        Assert.Equal("200", TestMedia.Probe(gif, "stream=width", "v:0"));
        Assert.InRange(CountFrames(gif), result.FramesCount - 1, result.FramesCount + 1);
        var duration = double.Parse(TestMedia.Probe(gif, "format=duration"), CultureInfo.InvariantCulture);
        Assert.InRange(duration, seconds - 1.0 / fps - 0.011, seconds + 1.0 / fps + 0.011);
    }

    [Fact]
    public async Task A_transparent_background_stays_transparent_in_the_gif_and_glyphs_stay_opaque()
    {
        var source = engine.Media.TestSource("gif-alpha.mp4", 320, 180, fps: 10, seconds: 1, audio: false);
        var output = engine.Media.NewOutputFolder();
        await engine.Converter.ConvertAsync(source, output,
            new ConversionOptions { Width = 40, TransparentBg = true, SaveGif = true, SavePng = false, SaveMp4 = false });

        var firstFrame = engine.Media.PathOf("gif-alpha-frame.png");
        TestMedia.Ffmpeg("-i", Path.Combine(output, GifOutput.FileName), "-frames:v", "1", firstFrame);
        using var bitmap = SKBitmap.Decode(firstFrame);
        var alphas = bitmap.Pixels.Select(p => p.Alpha).ToList();
        Assert.True(alphas.Count(a => a == 0) > alphas.Count / 4, "most of a text frame is background, which should be transparent");
        Assert.Contains(alphas, a => a == 255);
    }

    /// <summary>Frames ffprobe decodes from the file (a GIF's header does not say).</summary>
    private static int CountFrames(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "default=nw=1:nk=1", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return int.Parse(output, CultureInfo.InvariantCulture);
    }
}
