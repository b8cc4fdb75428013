using SkiaSharp;
using VidStudio.Core.Options;
using VidStudio.Core.Output;

namespace VidStudio.Tests.Engine;

public class PreviewTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    [Theory]
    [InlineData(AsciiStyle.Normal, ColorMode.Fixed)]
    [InlineData(AsciiStyle.Braille, ColorMode.Source)]
    public async Task The_preview_is_pixel_for_pixel_the_frame_the_job_writes(AsciiStyle style, ColorMode colorMode)
    {
        var source = engine.Media.TestSource("preview.mp4", 320, 180, fps: 10, seconds: 2, audio: false);
        var options = new ConversionOptions { Width = 48, Style = style, ColorMode = colorMode, RandomColors = colorMode == ColorMode.Fixed, SaveTxt = true, SaveMp4 = false };
        var output = engine.Media.NewOutputFolder();
        await engine.Converter.ConvertAsync(source, output, options);

        var preview = await engine.NewPreviewer().RenderAsync(source, 1.2, options);

        Assert.Equal(12, preview.FrameIndex);
        Assert.Equal(File.ReadAllText(Path.Combine(output, ArtifactNames.TextFrame(12))), preview.Text);
        using var written = SKBitmap.Decode(Path.Combine(output, ArtifactNames.PngFrame(12)));
        using var previewed = SKBitmap.Decode(preview.Png);
        Assert.Equal((written.Width, written.Height), (previewed.Width, previewed.Height));
        Assert.Equal(written.Pixels, previewed.Pixels);
    }

    [Fact]
    public async Task Re_rendering_a_cached_frame_with_other_settings_changes_the_image()
    {
        var source = engine.Media.TestSource("preview-cache.mp4", 320, 180, seconds: 1, audio: false);
        var previewer = engine.NewPreviewer();

        var narrow = await previewer.RenderAsync(source, 0.5, new ConversionOptions { Width = 40 });
        var wide = await previewer.RenderAsync(source, 0.5, new ConversionOptions { Width = 120 });

        Assert.Equal((40, 120), (narrow.Columns, wide.Columns));
        Assert.NotEqual(narrow.Png, wide.Png);
        Assert.Equal(40, narrow.Text.Split('\n')[0].Length);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_spoil_the_shared_cache_for_the_next()
    {
        var source = engine.Media.TestSource("preview-shared.mp4", 320, 180, seconds: 1, audio: false);
        var previewer = engine.NewPreviewer();
        using var gone = new CancellationTokenSource();
        gone.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => previewer.RenderAsync(source, 0.5, new ConversionOptions { Width = 40 }, cancellationToken: gone.Token));
        var frame = await previewer.RenderAsync(source, 0.5, new ConversionOptions { Width = 40 });

        Assert.Equal(40, frame.Columns);
    }

    [Fact]
    public async Task A_viewer_session_reusing_its_renderer_and_buffers_renders_what_a_fresh_renderer_does()
    {
        var source = engine.Media.TestSource("preview-session.mp4", 320, 180, fps: 10, seconds: 2, audio: false);
        var previewer = engine.NewPreviewer();
        var session = new VidStudio.Core.Preview.PreviewSession();
        var looks = new[]
        {
            new ConversionOptions { Width = 60, Style = AsciiStyle.Blocks },
            new ConversionOptions { Width = 60, Style = AsciiStyle.Braille, ColorMode = ColorMode.Source },
            new ConversionOptions { Width = 60, Style = AsciiStyle.Blocks },
            new ConversionOptions { Width = 30 },
        };

        // Scrub, change the look at the same size, go back, change the size: each one equals a one-off render.
        foreach (var (options, seconds) in looks.Zip([0.3, 0.3, 1.5, 1.5]))
        {
            var reused = await previewer.RenderAsync(source, seconds, options, session);
            var fresh = await previewer.RenderAsync(source, seconds, options);
            Assert.Equal(fresh.Text, reused.Text);
            Assert.Equal(fresh.Png, reused.Png);
        }
    }

    [Fact]
    public async Task Playing_yields_from_the_asked_frame_on_the_frames_the_job_writes_for_every_look_compared()
    {
        var source = engine.Media.TestSource("preview-play.mp4", 320, 180, fps: 10, seconds: 3, audio: false);
        // A stable shape look carries state from frame to frame; playing warms it up as the job's run reached the frame.
        var stable = new ConversionOptions { Width = 40, Style = AsciiStyle.Shape, Stability = 0.9, SaveTxt = true, SaveMp4 = false };
        var coloured = new ConversionOptions { Width = 32, ColorMode = ColorMode.Source, SaveTxt = true, SaveMp4 = false };
        var playback = await engine.NewPreviewer().PlayAsync(source, 1.2, [stable, coloured]);

        var played = new List<VidStudio.Core.Preview.PlaybackFrame>();
        await foreach (var frame in playback.FramesAsync())
        {
            played.Add(frame);
        }

        Assert.Equal(12, playback.StartFrame);
        Assert.Equal(Enumerable.Range(12, 18), played.Select(f => f.Index));
        var offset = 0;
        foreach (var (options, look) in new[] { stable, coloured }.Zip(playback.Looks))
        {
            var output = engine.Media.NewOutputFolder();
            await engine.Converter.ConvertAsync(source, output, options);
            var glyphs = VidStudio.Core.Mapping.GlyphSet.For(options);
            var drawing = look.Drawing;
            Assert.Equal(1, drawing.CellBytes);
            foreach (var frame in played)
            {
                var cells = frame.Records[offset..(offset + drawing.Columns * drawing.Rows)];
                var text = string.Concat(Enumerable.Range(0, drawing.Rows).Select(row =>
                    string.Concat(Enumerable.Range(0, drawing.Columns).Select(column => glyphs[cells[row * drawing.Columns + column]].ToString())) + "\n"));
                Assert.Equal(File.ReadAllText(Path.Combine(output, ArtifactNames.TextFrame(frame.Index))), text);
            }

            offset += drawing.RecordBytes;
        }

        Assert.Equal(offset, played[0].Records.Length);
    }
}
