using VidStudio.Core.Frames;
using VidStudio.Core.Mapping;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Rendering;

namespace VidStudio.Tests.Unit;

/// <summary>Shape matching and two-colour cells on frames drawn in memory from the engine's own glyph atlas.</summary>
[Trait("Category", "Unit")]
public sealed class ShapeMatchingTests : IDisposable
{
    private const int SourceWidth = 640;
    private readonly FontSet _fonts = new();

    public void Dispose() => _fonts.Dispose();

    /// <summary>A grid of <paramref name="columns"/> × <paramref name="rows"/> cells whose analysis frame is the render frame (no scaling between them).</summary>
    private GridGeometry Grid(int columns, int rows)
    {
        var height = 2 * (int)Math.Round(rows * SourceWidth / (columns * _fonts.CellAspect) / 2);
        var geometry = GridGeometry.For(SourceWidth, height, columns, _fonts.CellAspect);
        Assert.Equal((rows, SourceWidth, height), (geometry.Rows, geometry.RenderWidth, geometry.RenderHeight));
        Assert.Equal((SourceWidth, height), (geometry.AnalysisWidth, geometry.AnalysisHeight));
        return geometry;
    }

    /// <summary>The frame a decoder would give for a picture that is exactly these glyphs, white on black.</summary>
    private static YuvFrame FrameOfGlyphs(GridGeometry geometry, FontSet fonts, GlyphSet glyphs, ushort[] cells)
    {
        var layout = new FrameLayout(geometry);
        var composer = new FrameComposer(layout, new GlyphAtlas(fonts, glyphs, layout.TileWidth, layout.TileHeight));
        var coverage = new byte[geometry.RenderWidth * geometry.RenderHeight];
        composer.Compose(cells, coverage);
        var frame = new YuvFrame(geometry.AnalysisWidth, geometry.AnalysisHeight);
        var data = frame.Data.Span;
        for (var i = 0; i < coverage.Length; i++)
        {
            data[i] = (byte)Math.Round(16 + coverage[i] * 219 / 255.0);
        }

        data[coverage.Length..].Fill(128);
        return frame;
    }

    private static string TextOf(FrameRenderer renderer) => renderer.FormatText().ToString().Replace("\n", "");

    /// <remarks>
    /// In free tones only: in fixed colours, matching is tone-true, so a glyph drawn white on black (a cell of, say, 30%
    /// mean tone) is drawn at 30% of the set's densest ink — a lighter glyph, by design (see ToneTrueShapeTests).
    /// </remarks>
    [Fact]
    public void Every_printable_ascii_glyph_drawn_in_a_cell_is_matched_back_to_itself_in_free_tones()
    {
        const ColorMode colorMode = ColorMode.Cell;
        var glyphs = GlyphSet.PrintableAscii;
        var geometry = Grid(19, 5);
        var cells = Enumerable.Range(0, glyphs.Count).Select(i => (ushort)i).ToArray();
        using var frame = FrameOfGlyphs(geometry, _fonts, glyphs, cells);
        var renderer = new FrameRenderer(new ConversionOptions { Width = 19, Style = AsciiStyle.Shape, ColorMode = colorMode, TextColor = "#FFFFFF", BgColor = "#000000" }, geometry, _fonts);

        renderer.MapCharacters(frame);

        var text = TextOf(renderer);
        var wrong = glyphs.Characters.Zip(text).Where(pair => pair.First != pair.Second).Select(pair => $"{pair.First}→{pair.Second}").ToList();
        // With free tones a glyph may also be fitted at another contrast: ' and " are one blob at 4×8 samples.
        Assert.True(wrong.Count <= 2, string.Join(" ", wrong));
    }

    [Fact]
    public void Every_quadrant_pattern_is_matched_back_to_itself()
    {
        var glyphs = GlyphSet.Quadrants;
        var geometry = Grid(8, 2);
        var cells = Enumerable.Range(0, glyphs.Count).Select(i => (ushort)i).ToArray();
        using var frame = FrameOfGlyphs(geometry, _fonts, glyphs, cells);
        var renderer = new FrameRenderer(new ConversionOptions { Width = 8, Style = AsciiStyle.ShapeBlocks, ColorMode = ColorMode.Cell }, geometry, _fonts);

        renderer.MapCharacters(frame);

        Assert.Equal(glyphs.Characters, TextOf(renderer));
    }

    [Theory]
    [InlineData(SymbolClass.Sextants, 16, 4)]
    [InlineData(SymbolClass.Octants, 32, 8)]
    public void Every_sextant_and_octant_pattern_drawn_in_a_cell_is_matched_back_to_itself(SymbolClass symbols, int columns, int rows)
    {
        var glyphs = GlyphSet.Of([symbols]);
        Assert.Equal(columns * rows, glyphs.Count);
        var geometry = Grid(columns, rows);
        var cells = Enumerable.Range(0, glyphs.Count).Select(i => (ushort)i).ToArray();
        using var frame = FrameOfGlyphs(geometry, _fonts, glyphs, cells);
        var options = new ConversionOptions { Width = columns, Style = AsciiStyle.Mosaic, Symbols = ApiNames.Of(symbols), ColorMode = ColorMode.Cell };
        var renderer = new FrameRenderer(options, geometry, _fonts);

        renderer.MapCharacters(frame);

        Assert.Equal(glyphs.Characters, TextOf(renderer));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cell_colours_give_the_glyph_the_colour_it_covers_and_the_background_the_rest(bool transparentBackground)
    {
        // A test card of two colours: the upper half of every cell yellow, the lower half dark blue.
        RgbColor upper = new(240, 224, 64), lower = new(32, 64, 160);
        var geometry = Grid(8, 2);
        var layout = new FrameLayout(geometry);
        using var frame = new YuvFrame(geometry.AnalysisWidth, geometry.AnalysisHeight);
        var data = frame.Data.Span;
        int width = frame.Width, height = frame.Height;
        bool IsUpper(int y) => y - layout.CellTop[layout.RowOfY[y]] < Math.Round(layout.TileHeight / 2.0);
        for (var y = 0; y < height; y++)
        {
            data.Slice(y * width, width).Fill(ToYuv(IsUpper(y) ? upper : lower).Y);
        }

        for (var y = 0; y < height / 2; y++)
        {
            var (_, u, v) = ToYuv(IsUpper(2 * y) ? upper : lower);
            data.Slice(width * height + y * width / 2, width / 2).Fill(u);
            data.Slice(width * height * 5 / 4 + y * width / 2, width / 2).Fill(v);
        }

        var options = new ConversionOptions { Width = 8, Style = AsciiStyle.ShapeBlocks, ColorMode = ColorMode.Cell, TransparentBg = transparentBackground };
        var renderer = new FrameRenderer(options, geometry, _fonts);
        renderer.MapCharacters(frame);
        renderer.ComposeGlyphs();
        using var png = renderer.CapturePng();
        using var bitmap = SkiaSharp.SKBitmap.Decode(png.ToArray());

        Assert.Equal(new string('▀', 16), TextOf(renderer));
        for (var cell = 0; cell < geometry.CellCount; cell++)
        {
            int left = layout.CellLeft[cell % 8], top = layout.CellTop[cell / 8], cellHeight = layout.CellTop[cell / 8 + 1] - top;
            AssertClose(upper, bitmap.GetPixel(left + 10, top + cellHeight / 4));
            Assert.Equal(255, bitmap.GetPixel(left + 10, top + cellHeight / 4).Alpha);
            if (transparentBackground)
            {
                // The glyph keeps its colour; where it is not, the PNG is see-through.
                Assert.Equal(0, bitmap.GetPixel(left + 10, top + cellHeight * 3 / 4).Alpha);
            }
            else
            {
                AssertClose(lower, bitmap.GetPixel(left + 10, top + cellHeight * 3 / 4));
            }
        }
    }

    private static void AssertClose(RgbColor expected, SkiaSharp.SKColor actual) =>
        Assert.True(Math.Abs(expected.R - actual.Red) <= 6 && Math.Abs(expected.G - actual.Green) <= 6 && Math.Abs(expected.B - actual.Blue) <= 6,
            $"expected {expected}, got {actual}");

    /// <summary>Limited-range BT.601, what the decoder delivers.</summary>
    private static (byte Y, byte U, byte V) ToYuv(RgbColor c) => (
        (byte)Math.Round(16 + (65.481 * c.R + 128.553 * c.G + 24.966 * c.B) / 255),
        (byte)Math.Round(128 + (-37.797 * c.R - 74.203 * c.G + 112.0 * c.B) / 255),
        (byte)Math.Round(128 + (112.0 * c.R - 93.786 * c.G - 18.214 * c.B) / 255));
}
