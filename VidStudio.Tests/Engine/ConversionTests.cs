using SkiaSharp;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Output;
using VidStudio.Core.Rendering;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Engine;

public class ConversionTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    private static readonly ConversionOptions Everything = new() { Width = 40, SaveTxt = true };

    [Fact]
    public async Task A_probe_result_given_with_the_request_is_used_instead_of_probing_again()
    {
        var source = engine.Media.TestSource("known-media.mp4", 320, 180, fps: 25, seconds: 1);
        var probed = await engine.Prober.ProbeAsync(source);
        // A stated display size the file does not have: only a converter that trusts the request renders at it.
        var stated = probed with { Width = 640, Height = 360 };

        var result = await engine.Converter.ConvertAsync(
            new ConversionRequest(source, engine.Media.NewOutputFolder(), new ConversionOptions { Width = 40, SaveMp4 = false }) { Media = stated });

        Assert.Equal((640, 360), (result.RenderWidth, result.RenderHeight));
        Assert.Equal(25, result.FramesCount);
    }

    [Fact]
    public async Task At_the_source_rate_every_output_has_the_source_frame_count_and_duration()
    {
        var source = engine.Media.TestSource("rate25.mp4", 320, 180, fps: 25, seconds: 2);
        var output = engine.Media.NewOutputFolder();

        var result = await engine.Converter.ConvertAsync(source, output, Everything);

        Assert.Equal(50, result.FramesCount);
        Assert.Equal(50, Directory.GetFiles(output, "frame_*.txt").Length);
        Assert.Equal(50, Directory.GetFiles(output, "frame_*.png").Length);
        Assert.True(File.Exists(Path.Combine(output, ArtifactNames.TextFrame(49))));
        Assert.Equal("50", TestMedia.Probe(Path.Combine(output, "video.mp4"), "stream=nb_frames", "v:0"));
        Assert.Equal(101, result.Artifacts.Count);
        Assert.All(result.Artifacts, a => Assert.True(a.SizeBytes > 0));
        Assert.Empty(Directory.GetFiles(output, "*" + ArtifactNames.PartialSuffix));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    public async Task Another_fps_resamples_frames_and_keeps_the_duration(int fps)
    {
        var source = engine.Media.TestSource("rate25-resample.mp4", 320, 180, fps: 25, seconds: 2);
        var output = engine.Media.NewOutputFolder();

        var result = await engine.Converter.ConvertAsync(source, output, new ConversionOptions { Width = 40, Fps = fps, SavePng = false, SaveTxt = true });

        Assert.Equal(2 * fps, result.FramesCount);
        Assert.Equal(2 * fps, Directory.GetFiles(output, "frame_*.txt").Length);
        var videoDuration = double.Parse(TestMedia.Probe(Path.Combine(output, "video.mp4"), "stream=duration", "v:0"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(videoDuration, 2.0 - 1.0 / fps, 2.0 + 1.0 / fps);
        Assert.Equal($"{fps}/1", TestMedia.Probe(Path.Combine(output, "video.mp4"), "stream=avg_frame_rate", "v:0"));
    }

    [Fact]
    public async Task A_variable_frame_rate_source_comes_out_at_a_constant_rate_with_its_duration()
    {
        // 25 fps for the first second, then every other frame: 12.5 fps.
        var path = engine.Media.PathOf("vfr.mp4");
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=3", "-vf", "select='lt(n\\,25)+not(mod(n\\,2))'", "-fps_mode", "vfr",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path);
        var media = await engine.Prober.ProbeAsync(path);
        Assert.True(media.IsVariableFrameRate, "the clip should be variable-rate");
        var output = engine.Media.NewOutputFolder();

        var result = await engine.Converter.ConvertAsync(path, output, new ConversionOptions { Width = 20, SavePng = false });

        Assert.InRange(result.FramesCount, (int)(media.DurationSeconds * result.OutputFps) - 1, (int)(media.DurationSeconds * result.OutputFps) + 1);
        var videoDuration = double.Parse(TestMedia.Probe(Path.Combine(output, "video.mp4"), "stream=duration", "v:0"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(videoDuration, media.DurationSeconds - 1 / result.OutputFps, media.DurationSeconds + 1 / result.OutputFps);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_mp4_has_audio_exactly_when_the_source_has(bool withAudio)
    {
        var source = engine.Media.TestSource($"audio-{withAudio}.mp4", 160, 90, seconds: 1, audio: withAudio);
        var output = engine.Media.NewOutputFolder();

        var result = await engine.Converter.ConvertAsync(source, output, new ConversionOptions { Width = 20, SavePng = false });

        var video = Path.Combine(output, "video.mp4");
        Assert.Equal(withAudio ? "aac" : "", TestMedia.Probe(video, "stream=codec_name", "a"));
        Assert.Equal(withAudio, result.HasAudio);
        Assert.Equal("h264", TestMedia.Probe(video, "stream=codec_name", "v:0"));
        Assert.Equal("yuv420p", TestMedia.Probe(video, "stream=pix_fmt", "v:0"));
    }

    [Fact]
    public async Task An_anamorphic_source_is_rendered_at_its_display_aspect()
    {
        // Coded 160x180 with 2:1 pixels: players show it 320x180 (16:9), and so must the grid and the frames.
        var source = engine.Media.Lavfi("anamorphic.mp4", "testsrc2=s=160x180:r=10,setsar=2", 0.3);
        var output = engine.Media.NewOutputFolder();

        var media = await engine.Prober.ProbeAsync(source);
        var result = await engine.Converter.ConvertAsync(source, output, new ConversionOptions { Width = 60, SaveTxt = true });

        Assert.Equal((320, 180), (media.Width, media.Height));
        Assert.Equal((int)Math.Round(60.0 * 180 / 320 * engine.Fonts.CellAspect), result.Rows);
        using var png = SKBitmap.Decode(Path.Combine(output, "frame_000000.png"));
        Assert.Equal((320, 180), (png.Width, png.Height));
        Assert.Equal("320x180", TestMedia.Probe(Path.Combine(output, "video.mp4"), "stream=width,height", "v:0").Replace('\n', 'x'));
    }

    [Fact]
    public async Task Aac_audio_is_copied_untouched_and_other_audio_becomes_aac()
    {
        var aacSource = engine.Media.TestSource("audio-copy.mp4", 160, 90, seconds: 1);
        var opusSource = engine.Media.PathOf("audio-opus.webm");
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=1", "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
            "-c:v", "libvpx", "-c:a", "libopus", "-shortest", opusSource);

        var fromAac = engine.Media.NewOutputFolder();
        var fromOpus = engine.Media.NewOutputFolder();
        await engine.Converter.ConvertAsync(aacSource, fromAac, new ConversionOptions { Width = 20, SavePng = false });
        await engine.Converter.ConvertAsync(opusSource, fromOpus, new ConversionOptions { Width = 20, SavePng = false });

        // Copied packets keep the source's exact sizes; a re-encode at our 160 kb/s would not.
        Assert.Equal(TestMedia.Probe(aacSource, "stream=bit_rate", "a"), TestMedia.Probe(Path.Combine(fromAac, "video.mp4"), "stream=bit_rate", "a"));
        Assert.Equal("aac", TestMedia.Probe(Path.Combine(fromOpus, "video.mp4"), "stream=codec_name", "a"));
    }

    [Fact]
    public async Task Mp3_audio_is_copied_untouched()
    {
        var mp3Source = engine.Media.PathOf("audio-mp3.mp4");
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=1", "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
            "-c:v", "libx264", "-c:a", "libmp3lame", "-b:a", "96k", "-shortest", mp3Source);
        var output = engine.Media.NewOutputFolder();

        await engine.Converter.ConvertAsync(mp3Source, output, new ConversionOptions { Width = 20, SavePng = false });

        var video = Path.Combine(output, "video.mp4");
        Assert.Equal("mp3", TestMedia.Probe(video, "stream=codec_name", "a"));
        // Copied packets keep the source's exact sizes; a re-encode would not.
        Assert.Equal(TestMedia.Probe(mp3Source, "stream=bit_rate", "a"), TestMedia.Probe(video, "stream=bit_rate", "a"));
    }

    [Fact]
    public async Task A_source_flagged_as_rotated_180_comes_out_upright()
    {
        // White top half, black bottom half; the flag says "show it upside down", so upright output is dark on top.
        var plain = engine.Media.Lavfi("halves.mp4", "color=c=black:s=160x120:r=10,drawbox=x=0:y=0:w=160:h=60:color=white:t=fill", 0.5);
        var rotated = engine.Media.PathOf("halves-rot180.mp4");
        TestMedia.Ffmpeg("-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=180", rotated);
        var output = engine.Media.NewOutputFolder();

        await engine.Converter.ConvertAsync(rotated, output, new ConversionOptions { Width = 20, SaveTxt = true, SaveMp4 = false });

        var lines = File.ReadAllLines(Path.Combine(output, "frame_000000.txt"));
        Assert.Equal(new string(' ', 20), lines[0]);
        Assert.Equal(new string('@', 20), lines[^1]);
        using var png = SKBitmap.Decode(Path.Combine(output, "frame_000000.png"));
        Assert.Equal((160, 120), (png.Width, png.Height));
    }

    [Theory]
    [InlineData(320, 240)]
    [InlineData(320, 180)]
    public async Task Rows_follow_the_source_aspect_and_the_font_cell(int width, int height)
    {
        var source = engine.Media.TestSource($"aspect-{width}x{height}.mp4", width, height, seconds: 0.2, audio: false);
        var output = engine.Media.NewOutputFolder();

        var result = await engine.Converter.ConvertAsync(source, output, new ConversionOptions { Width = 60, SaveTxt = true, SaveMp4 = false });

        var expectedRows = (int)Math.Round(60.0 * height / width * engine.Fonts.CellAspect);
        var lines = File.ReadAllLines(Path.Combine(output, "frame_000000.txt"));
        Assert.Equal(expectedRows, lines.Length);
        Assert.All(lines, l => Assert.Equal(60, l.Length));
        Assert.Equal((60, expectedRows), (result.Columns, result.Rows));
        // A cell keeps the font's proportions, so a circle in the source stays a circle in the PNG.
        Assert.InRange((double)width / 60 / ((double)height / expectedRows), engine.Fonts.CellAspect * 0.93, engine.Fonts.CellAspect * 1.07);
        using var png = SKBitmap.Decode(Path.Combine(output, "frame_000000.png"));
        Assert.Equal((width, height), (png.Width, png.Height));
    }

    [Fact]
    public async Task Transparent_background_pngs_have_alpha_zero_where_no_glyph_is()
    {
        var source = engine.Media.TestSource("transparent.mp4", 320, 180, seconds: 0.2, audio: false);
        var output = engine.Media.NewOutputFolder();

        await engine.Converter.ConvertAsync(source, output, new ConversionOptions { Width = 40, TransparentBg = true, TextColor = "#FF0000" });

        using var png = SKBitmap.Decode(Path.Combine(output, "frame_000000.png"));
        var pixels = png.Pixels;
        Assert.Contains(pixels, p => p.Alpha == 0);
        Assert.Contains(pixels, p => p.Alpha == 255 && p.Red == 255 && p.Green == 0);
        Assert.All(pixels.Where(p => p.Alpha > 0), p => Assert.Equal((255, 0, 0), (p.Red, p.Green, p.Blue)));
        // The MP4 cannot be transparent; it still exists with the background colour.
        Assert.True(File.Exists(Path.Combine(output, "video.mp4")));
    }

    [Fact]
    public async Task Source_colour_mode_paints_characters_with_their_cell_colour()
    {
        var source = engine.Media.Lavfi("red.mp4", "color=c=0xE02020:s=160x90:r=10", 0.3);
        var output = engine.Media.NewOutputFolder();

        await engine.Converter.ConvertAsync(source, output, new ConversionOptions { Width = 20, ColorMode = ColorMode.Source, SaveMp4 = false });

        using var png = SKBitmap.Decode(Path.Combine(output, "frame_000000.png"));
        var brightest = png.Pixels.MaxBy(p => p.Red + p.Green + p.Blue);
        Assert.InRange(brightest.Red, 200, 240);
        Assert.InRange(brightest.Green, 15, 50);
        Assert.InRange(brightest.Blue, 15, 50);
    }

    [Fact]
    public async Task Random_colours_change_per_frame_and_repeat_with_the_same_seed()
    {
        var source = engine.Media.Lavfi("white.mp4", "color=c=white:s=160x90:r=10", 0.3);
        // Full blocks cover their cells completely, so the pixel colour is the text colour itself.
        var options = new ConversionOptions { Width = 20, Style = AsciiStyle.Blocks, RandomColors = true, Seed = 7, SaveMp4 = false };
        var first = engine.Media.NewOutputFolder();
        var second = engine.Media.NewOutputFolder();

        await engine.Converter.ConvertAsync(source, first, options);
        await engine.Converter.ConvertAsync(source, second, options);

        SKColor GlyphColor(string folder, int frame)
        {
            using var png = SKBitmap.Decode(Path.Combine(folder, ArtifactNames.PngFrame(frame)));
            return png.Pixels.MaxBy(p => p.Red + p.Green + p.Blue);
        }

        Assert.Equal(GlyphColor(first, 0), GlyphColor(second, 0));
        Assert.Equal(GlyphColor(first, 2), GlyphColor(second, 2));
        Assert.NotEqual(GlyphColor(first, 0), GlyphColor(first, 1));
        var expected = FramePalette.RandomTextColor(7, 1);
        Assert.Equal((expected.R, expected.G, expected.B), (GlyphColor(first, 1).Red, GlyphColor(first, 1).Green, GlyphColor(first, 1).Blue));
    }
}
