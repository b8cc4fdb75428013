using VidStudio.Core.Options;

namespace VidStudio.Tests.Engine;

/// <summary>Dither through the whole engine: decoded frames, mapped, written as text.</summary>
public class DitherTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    [Fact]
    public async Task Ordered_dither_on_a_still_clip_gives_the_same_text_frame_throughout()
    {
        // A diagonal gradient held for 2 s, losslessly encoded so every decoded frame is the same picture.
        var still = engine.Media.Lavfi("still-gradient.mp4", "nullsrc=s=320x180:r=10,geq=lum='(X+Y)*255/(W+H)':cb=128:cr=128", 2,
            "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv444p");

        var dithered = await TextFramesAsync(still, new ConversionOptions { Width = 64, Dither = DitherMode.Ordered });
        var undithered = await TextFramesAsync(still, new ConversionOptions { Width = 64 });

        Assert.Equal(20, dithered.Count);
        Assert.All(dithered, frame => Assert.Equal(dithered[0], frame));
        Assert.NotEqual(undithered[0], dithered[0]);
    }

    private async Task<List<string>> TextFramesAsync(string source, ConversionOptions options)
    {
        var output = engine.Media.NewOutputFolder();
        await engine.Converter.ConvertAsync(source, output, options with { SaveTxt = true, SavePng = false, SaveMp4 = false });
        return Directory.GetFiles(output, "frame_*.txt").Order().Select(File.ReadAllText).ToList();
    }
}
