using SkiaSharp;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Engine;

/// <summary>Runs alone: it asserts that no ffmpeg child process is left, which other classes' conversions would disturb.</summary>
[CollectionDefinition(nameof(ProcessChecks), DisableParallelization = true)]
public class ProcessChecks;

[Collection(nameof(ProcessChecks))]
public class BadInputTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    private async Task<VideoInputException> RejectedAsync(string path)
    {
        var error = await Assert.ThrowsAsync<VideoInputException>(() => engine.Converter.ConvertAsync(path, engine.Media.NewOutputFolder(), new ConversionOptions { Width = 20 }));
        Assert.Empty(TestMedia.ChildFfmpegProcesses());
        return error;
    }

    [Fact]
    public async Task A_zero_byte_file_is_empty()
    {
        var path = engine.Media.PathOf("zero.mp4");
        File.WriteAllBytes(path, []);
        var error = await RejectedAsync(path);
        Assert.Equal(VideoInputError.Empty, error.Error);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public async Task A_text_file_renamed_mp4_is_not_a_video()
    {
        var path = engine.Media.PathOf("notes.mp4");
        File.WriteAllText(path, "These are my notes, not a video.\n");
        var error = await RejectedAsync(path);
        Assert.Equal(VideoInputError.NotAVideo, error.Error);
        Assert.Contains("not a video", error.Message);
    }

    [Fact]
    public async Task An_image_renamed_mp4_is_a_still_image()
    {
        var image = engine.Media.PathOf("picture.png");
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=64x64", "-frames:v", "1", image);
        var renamed = engine.Media.PathOf("picture.mp4");
        File.Copy(image, renamed, true);
        var error = await RejectedAsync(renamed);
        Assert.Equal(VideoInputError.StillImage, error.Error);
        Assert.Contains("still image", error.Message);
    }

    [Fact]
    public async Task A_truncated_mp4_without_its_index_is_reported_as_unreadable()
    {
        // Without +faststart the index (moov) is at the end; cutting the file loses it.
        var whole = engine.Media.TestSource("whole.mp4", 320, 180, seconds: 2);
        var cut = engine.Media.PathOf("cut.mp4");
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var error = await RejectedAsync(cut);
        Assert.True(error.Error is VideoInputError.NotAVideo or VideoInputError.Damaged, error.Error.ToString());
        Assert.Contains("damaged or truncated", error.Message);
    }

    [Fact]
    public async Task A_truncated_mp4_with_its_index_first_converts_what_is_there()
    {
        var whole = engine.Media.PathOf("faststart.mp4");
        TestMedia.Ffmpeg("-i", engine.Media.TestSource("whole.mp4", 320, 180, seconds: 2), "-c", "copy", "-movflags", "+faststart", whole);
        var cut = engine.Media.PathOf("faststart-cut.mp4");
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);

        var result = await engine.Converter.ConvertAsync(cut, engine.Media.NewOutputFolder(), new ConversionOptions { Width = 20 });

        Assert.InRange(result.FramesCount, 1, 50);
        Assert.Empty(TestMedia.ChildFfmpegProcesses());
    }

    [Fact]
    public async Task An_audio_only_file_says_it_has_no_picture()
    {
        var path = engine.Media.PathOf("song.m4a");
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", path);
        var error = await RejectedAsync(path);
        Assert.Equal(VideoInputError.NoVideoStream, error.Error);
        Assert.Contains("audio only", error.Message);
    }

    [Fact]
    public async Task An_absurd_resolution_is_refused_before_decoding()
    {
        var path = engine.Media.Lavfi("huge.mkv", "color=c=gray:s=9000x16:r=1", 1, "-c:v", "ffv1");
        var error = await RejectedAsync(path);
        Assert.Equal(VideoInputError.ResolutionTooLarge, error.Error);
        Assert.Contains("9000x16", error.Message);
    }

    [Fact]
    public async Task A_one_pixel_video_converts_at_a_legible_size()
    {
        var path = engine.Media.Lavfi("-one-pixel-.mp4", "color=c=white:s=2x2:r=5,scale=1:1", 1, "-c:v", "libx264", "-pix_fmt", "yuv444p");
        Assert.Equal("1", TestMedia.Probe(path, "stream=width", "v:0"));
        var output = engine.Media.NewOutputFolder();

        var result = await engine.Converter.ConvertAsync(path, output, new ConversionOptions { Width = 10, SaveTxt = true });

        Assert.Equal(5, result.FramesCount);
        using var png = SKBitmap.Decode(Path.Combine(output, "frame_000000.png"));
        Assert.True(png.Width >= 10 * 4, $"a 1x1 source renders at least 4 px per character, got {png.Width}x{png.Height}");
        Assert.Equal("h264", TestMedia.Probe(Path.Combine(output, "video.mp4"), "stream=codec_name", "v:0"));
        Assert.Empty(TestMedia.ChildFfmpegProcesses());
    }

    [Fact]
    public async Task Parameters_out_of_range_are_rejected_before_any_work()
    {
        var error = await Assert.ThrowsAsync<InvalidOptionsException>(() =>
            engine.Converter.ConvertAsync("/nonexistent.mp4", engine.Media.NewOutputFolder(), new ConversionOptions { Width = 5, Crf = 60 }));
        Assert.Equal(["width", "crf"], error.Errors.Select(e => e.Field));
        Assert.Contains("between 10 and 240", error.Message);
    }

    [Fact]
    public async Task Cancelling_mid_job_kills_ffmpeg_and_leaves_no_video_presented_as_complete()
    {
        var source = engine.Media.TestSource("long.mp4", 1280, 720, seconds: 20);
        var output = engine.Media.NewOutputFolder();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<VidStudio.Core.Pipeline.ConversionProgress>(p =>
        {
            if (p.FramesDone >= 10) cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            engine.Converter.ConvertAsync(source, output, new ConversionOptions { Width = 60 }, progress, cancel.Token));

        Assert.Empty(TestMedia.ChildFfmpegProcesses());
        Assert.False(File.Exists(Path.Combine(output, "video.mp4")));
        Assert.Empty(Directory.GetFiles(output, "*.part"));
        Assert.True(Directory.GetFiles(output, "frame_*.png").Length < 500);
    }
}
