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

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => previewer.RenderAsync(source, 0.5, new ConversionOptions { Width = 40 }, gone.Token));
        var frame = await previewer.RenderAsync(source, 0.5, new ConversionOptions { Width = 40 });

        Assert.Equal(40, frame.Columns);
    }
}
