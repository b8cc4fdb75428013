using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using VidStudio.Core.Options;
using VidStudio.Core.Output;
using VidStudio.Core.Output.Asciicast;

namespace VidStudio.Tests.Engine;

/// <summary>The terminal exports: ANSI frames and the asciicast recording, read back as a player would.</summary>
public partial class TerminalExportTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    [GeneratedRegex("\u001b\\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Escape();

    [GeneratedRegex("\u001b\\[38;2;(\\d+);(\\d+);(\\d+)m")]
    private static partial Regex Foreground();

    [Theory]
    [InlineData(ColorMode.Cell)]
    [InlineData(ColorMode.Fixed)]
    public async Task The_asciicast_has_a_v2_header_one_event_per_frame_and_each_event_is_the_text_frame(ColorMode colorMode)
    {
        var source = engine.Media.TestSource("cast.mp4", 320, 180, fps: 25, seconds: 2, audio: false);
        var output = engine.Media.NewOutputFolder();
        var options = new ConversionOptions { Width = 40, Style = AsciiStyle.Shape, ColorMode = colorMode, SaveCast = true, SaveTxt = true, SavePng = false, SaveMp4 = false };
        var result = await engine.Converter.ConvertAsync(source, output, options);

        var lines = File.ReadAllLines(Path.Combine(output, AsciicastOutput.FileName));
        using var header = JsonDocument.Parse(lines[0]);
        Assert.Equal(2, header.RootElement.GetProperty("version").GetInt32());
        Assert.Equal((40, result.Rows), (header.RootElement.GetProperty("width").GetInt32(), header.RootElement.GetProperty("height").GetInt32()));
        Assert.Equal(2.0, header.RootElement.GetProperty("duration").GetDouble(), 3);
        var events = lines[1..].Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(result.FramesCount, events.Count);
        var times = events.Select(e => e[0].GetDouble()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(0, times[0]);
        Assert.Equal(2.0 - 1 / 25.0, times[^1], 3);
        Assert.All(events, e => Assert.Equal("o", e[1].GetString()));
        foreach (var frame in new[] { 0, 17, result.FramesCount - 1 })
        {
            var shown = Escape().Replace(events[frame][2].GetString()!, "").Replace("\r\n", "\n");
            Assert.Equal(File.ReadAllText(Path.Combine(output, ArtifactNames.TextFrame(frame))), shown);
        }

        // Colours travel as truecolour SGR: one colour in fixed mode, many in cell mode.
        var colours = Foreground().Matches(events[17][2].GetString()!).Select(m => m.Value).Distinct().Count();
        Assert.True(colorMode == ColorMode.Fixed ? colours == 1 : colours > 20, $"{colours} distinct text colours");
        Assert.False(File.Exists(Path.Combine(output, AsciicastOutput.FileName + ".events" + ArtifactNames.PartialSuffix)));
    }

    [Fact]
    public async Task Asciinema_plays_the_recording_from_the_first_frame_to_the_last()
    {
        var source = engine.Media.TestSource("cast-play.mp4", 320, 180, fps: 10, seconds: 2, audio: false);
        var output = engine.Media.NewOutputFolder();
        var options = new ConversionOptions { Width = 30, ColorMode = ColorMode.Source, SaveCast = true, SaveTxt = true, SavePng = false, SaveMp4 = false };
        var result = await engine.Converter.ConvertAsync(source, output, options);

        // Debian's asciinema, at 10× speed; it insists on a terminal for its keyboard, which `script` gives it as a shell would.
        var start = new ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-qec");
        start.ArgumentList.Add($"asciinema play -s 10 {Path.Combine(output, AsciicastOutput.FileName)}");
        start.ArgumentList.Add("/dev/null");
        using var player = Process.Start(start)!;
        player.StandardInput.Close();
        var shown = player.StandardOutput.ReadToEndAsync();
        var errors = player.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await player.WaitForExitAsync(limit.Token);
        Assert.True(player.ExitCode == 0, $"asciinema play exited {player.ExitCode}: {await shown}{await errors}");

        var screen = Escape().Replace(await shown, "").Replace("\r", "");
        foreach (var frame in new[] { 0, result.FramesCount - 1 })
        {
            Assert.Contains(File.ReadAllText(Path.Combine(output, ArtifactNames.TextFrame(frame))), screen);
        }
    }

    [Fact]
    public async Task Ansi_frames_are_the_text_frames_in_their_colours()
    {
        var source = engine.Media.TestSource("ansi.mp4", 320, 180, fps: 10, seconds: 1, audio: false);
        var output = engine.Media.NewOutputFolder();
        var options = new ConversionOptions { Width = 30, ColorMode = ColorMode.Source, SaveAnsi = true, SaveTxt = true, SavePng = false, SaveMp4 = false };
        var result = await engine.Converter.ConvertAsync(source, output, options);

        Assert.Equal(result.FramesCount, result.Artifacts.Count(a => a.Kind == AnsiFramesOutput.Format.Kind));
        var ansi = File.ReadAllText(Path.Combine(output, ArtifactNames.AnsiFrame(5)));
        Assert.Equal(File.ReadAllText(Path.Combine(output, ArtifactNames.TextFrame(5))), Escape().Replace(ansi, ""));
        Assert.All(ansi.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.EndsWith("\u001b[0m", line));
        Assert.Contains("\u001b[48;2;0;0;0m", ansi);
    }

    [Fact]
    public void A_job_with_only_terminal_outputs_is_valid_and_one_with_none_names_them_all()
    {
        Assert.Empty(new ConversionOptions { SavePng = false, SaveMp4 = false, SaveCast = true }.Validate());
        var none = new ConversionOptions { SavePng = false, SaveMp4 = false }.Validate();
        Assert.Contains("save_cast", Assert.Single(none).Message);
    }
}
