using System.Diagnostics;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;

namespace VidStudio.Bench;

/// <summary>
/// What each export costs: a 1080p clip (or <c>--clip</c>) at width 120, each format alone, in seconds and bytes beside
/// the MP4 in the same colour mode (the GIF also in cell colours, where it is largest).
/// </summary>
internal static class FormatsScenario
{
    private static readonly (string Name, ConversionOptions Options)[] Formats =
    [
        ("mp4", new() { SavePng = false }),
        ("png", new() { SaveMp4 = false }),
        ("txt", new() { SaveTxt = true, SavePng = false, SaveMp4 = false }),
        ("ansi", new() { SaveAnsi = true, SavePng = false, SaveMp4 = false }),
        ("cast", new() { SaveCast = true, SavePng = false, SaveMp4 = false }),
        ("gif", new() { SaveGif = true, SavePng = false, SaveMp4 = false }),
        ("webm alpha", new() { SaveWebmAlpha = true, TransparentBg = true, SavePng = false, SaveMp4 = false }),
        ("html", new() { SaveHtml = true, SavePng = false, SaveMp4 = false }),
        ("mp4, cell colours", new() { ColorMode = ColorMode.Cell, SavePng = false }),
        ("gif, cell colours", new() { ColorMode = ColorMode.Cell, SaveGif = true, SavePng = false, SaveMp4 = false }),
    ];

    public static async Task RunAsync(VideoConverter converter, string work, string clip)
    {
        Console.WriteLine($"each format alone on {Path.GetFileName(clip)}, width 120:");
        var table = new List<string[]> { new[] { "format", "seconds", "f/s", "size MB", "size vs mp4", "seconds vs mp4" } };
        var mp4 = new Dictionary<ColorMode, (long Bytes, double Seconds)>();
        foreach (var (name, options) in Formats)
        {
            var output = Path.Combine(work, "format-" + name.Replace(' ', '-'));
            if (Directory.Exists(output)) Directory.Delete(output, true);
            var clock = Stopwatch.StartNew();
            var result = await converter.ConvertAsync(clip, output, options);
            var seconds = clock.Elapsed.TotalSeconds;
            var bytes = result.Artifacts.Sum(a => a.SizeBytes);
            // Each colour mode's MP4 comes first in the list; it is the yardstick of the formats in that mode.
            if (options.SaveMp4)
            {
                mp4[options.ColorMode] = (bytes, seconds);
            }

            var yardstick = mp4[options.ColorMode];
            table.Add([name, seconds.ToString("0.00"), (result.FramesCount / seconds).ToString("0.0"), (bytes / 1e6).ToString("0.00"),
                ((double)bytes / yardstick.Bytes).ToString("0.00") + "x", (seconds / yardstick.Seconds).ToString("0.00") + "x"]);
        }

        Table.Print(table);
    }
}
