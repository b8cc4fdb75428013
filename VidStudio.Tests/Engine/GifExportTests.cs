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
            new ConversionOptions { Width = 60, SaveGif = true, GifWidth = 200, GifFps = fps, SavePng = false, SaveMp4 = false });

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

    [Theory]
    [InlineData(25, null, 15)]
    [InlineData(30, null, 15)]
    [InlineData(30, 10, 10)]
    [InlineData(24, 12, 12)]
    public async Task The_gif_drops_frames_to_gif_fps_and_still_lasts_as_long_as_the_source_while_the_other_outputs_keep_theirs(int fps, int? gifFps, int expectedGifFps)
    {
        const double seconds = 2.0;
        var source = engine.Media.TestSource($"gif-rate-{fps}.mp4", 320, 180, fps: fps, seconds: seconds, audio: false);
        var output = engine.Media.NewOutputFolder();
        var result = await engine.Converter.ConvertAsync(source, output,
            new ConversionOptions { Width = 40, SaveGif = true, GifFps = gifFps, SaveTxt = true, SavePng = false, SaveMp4 = false });

        var gif = Path.Combine(output, GifOutput.FileName);
        Assert.Equal((int)(fps * seconds), result.FramesCount);
        Assert.Equal(result.FramesCount, Directory.GetFiles(output, "*.txt").Length);
        Assert.InRange(CountFrames(gif), expectedGifFps * seconds - 1, expectedGifFps * seconds + 1);
        var duration = double.Parse(TestMedia.Probe(gif, "format=duration"), CultureInfo.InvariantCulture);
        Assert.InRange(duration, seconds - 1.0 / expectedGifFps - 0.011, seconds + 1.0 / expectedGifFps + 0.011);
    }

    [Fact]
    public async Task A_gif_fps_above_the_output_rate_keeps_every_output_frame_and_repeats_none()
    {
        var source = engine.Media.TestSource("gif-rate-25.mp4", 320, 180, fps: 25, seconds: 2, audio: false);
        var output = engine.Media.NewOutputFolder();
        var result = await engine.Converter.ConvertAsync(source, output,
            new ConversionOptions { Width = 40, Fps = 8, SaveGif = true, GifFps = 30, SavePng = false, SaveMp4 = false });

        Assert.Equal(16, result.FramesCount);
        Assert.Equal(result.FramesCount, CountFrames(Path.Combine(output, GifOutput.FileName)));
    }

    [Fact]
    public async Task Every_frame_of_a_transparent_gif_stays_transparent_where_the_background_is()
    {
        // Moving content: a pixel a glyph covered in one frame must be transparent again once the glyph moves on, which
        // a GIF that stored only what changed (unchanged pixels as transparent) over the previous frame would get wrong.
        var source = engine.Media.TestSource("gif-alpha-moving.mp4", 320, 180, fps: 10, seconds: 1.5, audio: false);
        var output = engine.Media.NewOutputFolder();
        await engine.Converter.ConvertAsync(source, output,
            new ConversionOptions { Width = 40, TransparentBg = true, SaveGif = true, SavePng = false, SaveMp4 = false });

        var frames = Directory.CreateDirectory(engine.Media.NewOutputFolder()).FullName;
        TestMedia.Ffmpeg("-i", Path.Combine(output, GifOutput.FileName), Path.Combine(frames, "frame_%03d.png"));
        var files = Directory.GetFiles(frames, "*.png");
        Assert.Equal(15, files.Length);
        foreach (var file in files)
        {
            using var bitmap = SKBitmap.Decode(file);
            var alphas = bitmap.Pixels.Select(p => p.Alpha).ToList();
            Assert.True(alphas.Count(a => a == 0) > alphas.Count / 4, $"{Path.GetFileName(file)}: most of a text frame is background, which should be transparent");
            Assert.Contains(alphas, a => a == 255);
        }
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
