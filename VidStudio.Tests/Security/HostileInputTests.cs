using System.Diagnostics;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Security;

/// <summary>Files built to make ffmpeg read other files or to exhaust memory, disk or time, against the real engine.</summary>
public sealed class HostileInputTests : IClassFixture<Support.Engine>
{
    private readonly Support.Engine _engine;

    public HostileInputTests(Support.Engine engine) => _engine = engine;

    /// <summary>A 200-byte HLS playlist (under a video's name) that names another video on the server.</summary>
    public static string WritePlaylist(TestMedia media, string name, string target)
    {
        var path = media.PathOf(name);
        File.WriteAllText(path, $"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n{target}\n#EXT-X-ENDLIST\n");
        return path;
    }

    /// <summary>A video somewhere on the server, as an MPEG-TS segment (what HLS playlists name).</summary>
    public static string SecretSegment(TestMedia media, string name) =>
        media.Lavfi(name, "testsrc2=s=160x90:r=25", 1, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mpegts");

    /// <summary>A 3 KB GIF of 8×8192 pixels: at width 120 it would render at 480×491520 (~1 GiB per RGBA frame).</summary>
    public static string WriteTallGif(TestMedia media) =>
        media.Lavfi("tall.gif", "color=c=gray:s=8x8192:r=5", 0.4, "-f", "gif");

    /// <summary>Two frames ten hours apart: a container that claims a 36000 s duration.</summary>
    public static string WriteTwoFramesTenHoursApart(TestMedia media) =>
        media.Lavfi("ten-hours.mkv", "testsrc2=s=64x64:r=1:d=2", 40_000, "-vf", "setpts=N*36000/TB", "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "ultrafast");

    [Fact]
    public async Task A_playlist_naming_another_video_is_refused_and_ffmpeg_does_not_follow_it()
    {
        var secret = SecretSegment(_engine.Media, "secret.ts");
        var playlist = WritePlaylist(_engine.Media, "innocent.mp4", secret);

        // Without the whitelists, ffmpeg opens the playlist and decodes the other file: the attack is real.
        Assert.True(DecodedFramesWithPlainFfmpeg(playlist) > 0, "plain ffmpeg should follow the playlist (or this test proves nothing)");

        var refused = await Assert.ThrowsAsync<VideoInputException>(() => _engine.Prober.ProbeAsync(playlist));
        Assert.Equal(VideoInputError.Playlist, refused.Error);
        Assert.Contains("playlist", refused.Message);

        // The decoder is never reached through the probe, but on its own it still refuses: the demuxer whitelist holds.
        var decoding = new FrameDecoder(_engine.Tools).DecodeAsync(new DecodeRequest(playlist));
        await Assert.ThrowsAsync<VideoInputException>(async () =>
        {
            await foreach (var frame in decoding)
            {
                frame.Dispose();
            }
        });
    }

    [Fact]
    public async Task A_tiny_tall_gif_is_refused_before_anything_is_rendered()
    {
        var gif = WriteTallGif(_engine.Media);
        Assert.True(new FileInfo(gif).Length < 64 * 1024);
        var output = _engine.Media.NewOutputFolder();

        var refused = await Assert.ThrowsAsync<VideoInputException>(() => _engine.Converter.ConvertAsync(gif, output, new ConversionOptions()));

        Assert.Equal(VideoInputError.OverLimit, refused.Error);
        Assert.Contains("aspect ratio of 1024:1", refused.Message);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFiles(output).Any());
    }

    [Fact]
    public void Rows_and_pixels_are_capped_even_within_the_aspect_ratio()
    {
        var media = new MediaInfo(1000, 7000, 1, FrameRate.FromInteger(25), 25, 0, null, false, "mov", "h264");
        var rows = Assert.Throws<VideoInputException>(() => ConversionPlan.For(media, new ConversionOptions { Width = 240 }, 0.52, new ConversionLimits()));
        Assert.Contains("MaxRows", rows.Message);

        var huge = media with { Width = 8000, Height = 8000 };
        var pixels = Assert.Throws<VideoInputException>(() => ConversionPlan.For(huge, new ConversionOptions(), 0.52, new ConversionLimits()));
        Assert.Contains("MaxOutputPixels", pixels.Message);
    }

    [Fact]
    public void A_player_page_no_browser_could_hold_is_refused_when_planned()
    {
        var hour = new MediaInfo(1920, 1080, 3600, FrameRate.FromInteger(25), 90_000, 0, "opus", false, "mov", "h264");
        var cellMode = new ConversionOptions { Width = 240, ColorMode = ColorMode.Cell, SaveHtml = true };

        // A browser's limit, not an installation's: refused even with no caps configured.
        var refused = Assert.Throws<VideoInputException>(() => ConversionPlan.For(hour, cellMode, 0.52, ConversionLimits.None));
        Assert.Equal(VideoInputError.OverLimit, refused.Error);
        Assert.Contains("save_html", refused.Message);
        Assert.Contains("90000 frames of 240x", refused.Message);

        // The same hour without the player, and a minute with it, are planned.
        Assert.Equal(90_000, ConversionPlan.For(hour, cellMode with { SaveHtml = false }, 0.52, ConversionLimits.None).Timing.ExpectedFrames);
        Assert.Equal(1_500, ConversionPlan.For(hour with { DurationSeconds = 60, FrameCount = 1_500 }, cellMode, 0.52, ConversionLimits.None).Timing.ExpectedFrames);
    }

    [Fact]
    public async Task Two_frames_ten_hours_apart_are_refused_by_the_frame_cap()
    {
        var clip = WriteTwoFramesTenHoursApart(_engine.Media);
        var output = _engine.Media.NewOutputFolder();

        var refused = await Assert.ThrowsAsync<VideoInputException>(() =>
            _engine.Converter.ConvertAsync(clip, output, new ConversionOptions { Fps = 30, SaveMp4 = false, SaveTxt = true, SavePng = false }));

        Assert.Equal(VideoInputError.OverLimit, refused.Error);
        Assert.Contains("MaxOutputFrames", refused.Message);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFiles(output).Any());
    }

    [Fact]
    public void A_source_rate_above_120_fps_is_brought_down_to_120()
    {
        var media = new MediaInfo(320, 180, 2, new FrameRate(1000, 1), 2000, 0, null, false, "mov", "h264");
        var timing = OutputTiming.For(media, new ConversionOptions());
        Assert.Equal(120, timing.Rate.Value);
        Assert.Equal(240, timing.ExpectedFrames);
        Assert.NotNull(timing.Resample);
    }

    [Fact]
    public void A_charset_is_counted_as_the_glyphs_it_makes()
    {
        // Two text elements, 402 UTF-16 characters: each combining mark becomes a glyph of its own.
        var charset = "a" + new string('\u0301', 200) + "b" + new string('\u0301', 200);
        var errors = new ConversionOptions { Style = AsciiStyle.Custom, Charset = charset }.Validate();
        Assert.Contains(errors, e => e.Field == "charset" && e.Message.Contains("got 402"));
    }

    [Fact]
    public async Task A_decoder_killed_mid_job_fails_the_conversion_instead_of_completing_it_short()
    {
        var clip = _engine.Media.TestSource("long-for-kill.mp4", 640, 360, fps: 25, seconds: 30, audio: false);
        var output = _engine.Media.NewOutputFolder();
        var killed = false;
        var progress = new SynchronousProgress<ConversionProgress>(p =>
        {
            if (!killed && p.FramesDone >= 20)
            {
                var decoders = TestMedia.ChildFfmpegProcesses("yuv4mpegpipe").Where(pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains(clip)).ToList();
                Assert.Single(decoders);
                Process.Start("kill", ["-9", decoders[0].ToString()])!.WaitForExit();
                killed = true;
            }
        });

        var failure = await Assert.ThrowsAsync<ConversionFailedException>(() => _engine.Converter.ConvertAsync(
            clip, output, new ConversionOptions { SaveMp4 = false, SavePng = false, SaveTxt = true, Width = 40 }, progress));

        Assert.True(killed, "the decoder should have been killed mid-job");
        Assert.Contains("killed (signal 9", failure.Message);
    }

    private static int DecodedFramesWithPlainFfmpeg(string path)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-i", path, "-f", "framemd5", "-" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n').Count(line => line.Length > 0 && !line.StartsWith('#'));
    }
}
