using SkiaSharp;
using VidStudio.Core.Output;

namespace VidStudio.Tests.Unit;

/// <summary>The engine's own PNG encoder, decoded back by Skia.</summary>
[Trait("Category", "Unit")]
public sealed class PngEncoderTests
{
    [Fact]
    public void An_indexed_image_decodes_to_its_palette_colours()
    {
        const int width = 5, height = 3;
        var indices = new byte[width * height];
        for (var i = 0; i < indices.Length; i++) indices[i] = (byte)(i % 3);
        // 256 entries, each 0xAABBGGRR: opaque black, opaque green, half-transparent red, then unused.
        var palette = new uint[256];
        (palette[0], palette[1], palette[2]) = (0xFF000000, 0xFF00FF00, 0x800000FF);
        using var png = new MemoryStream();

        PngEncoder.WriteIndexed(png, indices, width, height, palette);

        using var bitmap = SKBitmap.Decode(png.ToArray());
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        Assert.Equal(new SKColor(0, 0, 0, 255), bitmap.GetPixel(0, 0));
        Assert.Equal(new SKColor(0, 255, 0, 255), bitmap.GetPixel(1, 0));
        Assert.Equal(128, bitmap.GetPixel(2, 0).Alpha);
        Assert.Equal(255, bitmap.GetPixel(2, 0).Red);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_rgba_image_decodes_to_the_same_pixels(bool opaque)
    {
        const int width = 7, height = 4;
        var rgba = new uint[width * height];
        for (var i = 0; i < rgba.Length; i++)
        {
            var alpha = opaque ? 255u : (uint)(i * 9 % 256);
            rgba[i] = (alpha << 24) | ((uint)(i * 3 % 256) << 16) | ((uint)(i * 5 % 256) << 8) | (uint)(i * 7 % 256);
        }

        using var png = new MemoryStream();
        PngEncoder.WriteRgba(png, rgba, width, height, opaque);

        using var bitmap = SKBitmap.Decode(png.ToArray(), new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var i = 0; i < rgba.Length; i++)
        {
            var pixel = bitmap.GetPixel(i % width, i / width);
            var expected = new SKColor((byte)rgba[i], (byte)(rgba[i] >> 8), (byte)(rgba[i] >> 16), opaque ? (byte)255 : (byte)(rgba[i] >> 24));
            if (expected.Alpha == 0) Assert.Equal(0, pixel.Alpha);
            else Assert.Equal(expected, pixel);
        }
    }
}
