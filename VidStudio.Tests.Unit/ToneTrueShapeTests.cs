using System.Text;
using VidStudio.Core.Frames;
using VidStudio.Core.Mapping;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Quality;
using VidStudio.Core.Rendering;
using Xunit.Abstractions;

namespace VidStudio.Tests.Unit;

/// <summary>
/// Tone-true shape matching in fixed colours: brighter cells get more ink across the whole range the glyph set has
/// (no wall of dense glyphs), shapes still follow edges, and the quality meter's tone and detail see the difference.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ToneTrueShapeTests(ITestOutputHelper output) : IDisposable
{
    private const int Width = 640, Height = 360, Columns = 40;
    private readonly FontSet _fonts = new();

    public void Dispose() => _fonts.Dispose();

    private static ConversionOptions Look(AsciiStyle style) =>
        new() { Width = Columns, Style = style, ColorMode = ColorMode.Fixed, TextColor = "#FFFFFF", BgColor = "#000000", Stability = 0 };

    /// <summary>A decoded frame (limited-range luma, neutral chroma) whose full-range gray at (x, y) is <paramref name="gray"/> (0..1).</summary>
    private static YuvFrame Frame(Func<int, int, double> gray)
    {
        var frame = new YuvFrame(Width, Height);
        var data = frame.Data.Span;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                data[y * Width + x] = (byte)Math.Round(16 + 219 * Math.Clamp(gray(x, y), 0, 1));
            }
        }

        data[(Width * Height)..].Fill(128);
        return frame;
    }

    private FrameRenderer Render(AsciiStyle style, YuvFrame frame)
    {
        var geometry = GridGeometry.For(Width, Height, Columns, _fonts.CellAspect);
        var renderer = new FrameRenderer(Look(style), geometry, _fonts);
        renderer.MapCharacters(frame);
        return renderer;
    }

    /// <summary>Mean coverage (0..1) of each glyph's tile in the renderer's atlas: its ink.</summary>
    private static double[] InkOf(FrameRenderer renderer) =>
        Enumerable.Range(0, renderer.Glyphs.Count).Select(glyph =>
        {
            var tile = renderer.Atlas.Tile(glyph);
            var sum = 0L;
            foreach (var value in tile)
            {
                sum += value;
            }

            return sum / (255.0 * tile.Length);
        }).ToArray();

    [Theory]
    [InlineData(AsciiStyle.Shape)]
    [InlineData(AsciiStyle.ShapeBlocks)]
    public void Uniform_gray_cards_get_glyphs_whose_ink_rises_with_the_gray_and_spans_the_set(AsciiStyle style)
    {
        var grays = new[] { 0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0 };
        var chosen = new List<(double Gray, Rune Glyph, double Ink)>();
        double[] ink = [];
        foreach (var gray in grays)
        {
            using var frame = Frame((_, _) => gray);
            var renderer = Render(style, frame);
            ink = InkOf(renderer);
            var cells = renderer.Cells.ToArray();
            Assert.All(cells, cell => Assert.Equal(cells[0], cell));
            chosen.Add((gray, renderer.Glyphs[cells[0]], ink[cells[0]]));
        }

        output.WriteLine(string.Join("  ", chosen.Select(c => $"{c.Gray:0.0}→'{c.Glyph}' {c.Ink:0.00}")));
        Assert.Equal(new Rune(' '), chosen[0].Glyph);
        for (var i = 1; i < chosen.Count; i++)
        {
            Assert.True(chosen[i].Ink >= chosen[i - 1].Ink, $"gray {chosen[i].Gray} got less ink than gray {chosen[i - 1].Gray}");
        }

        // 10%, 50% and 90% are three different glyphs, and white reaches the densest part of the set (a wall of the densest
        // glyph at a third of the way up was the bug).
        var (low, middle, high) = (chosen[1], chosen[3], chosen[5]);
        Assert.True(low.Ink < middle.Ink && middle.Ink < high.Ink, $"{low.Glyph} {middle.Glyph} {high.Glyph}");
        Assert.True(chosen[^1].Ink >= 0.8 * ink.Max(), $"white got '{chosen[^1].Glyph}' ({chosen[^1].Ink:0.00}), the set reaches {ink.Max():0.00}");
        Assert.True(middle.Ink < 0.8 * ink.Max(), $"50% gray already got '{middle.Glyph}' ({middle.Ink:0.00}) of at most {ink.Max():0.00}");
    }

    [Theory]
    [InlineData(AsciiStyle.Shape, true)]
    [InlineData(AsciiStyle.Shape, false)]
    [InlineData(AsciiStyle.ShapeBlocks, true)]
    [InlineData(AsciiStyle.ShapeBlocks, false)]
    public void A_bright_horizontal_edge_gets_ink_on_its_bright_side(AsciiStyle style, bool brightAbove)
    {
        var geometry = GridGeometry.For(Width, Height, Columns, _fonts.CellAspect);
        var layout = new FrameLayout(geometry);
        // Every cell: one half white, the other black, split at the cell's middle row.
        using var frame = Frame((_, y) =>
        {
            var row = layout.RowOfY[y];
            var upper = y < (layout.CellTop[row] + layout.CellTop[row + 1]) / 2.0;
            return upper == brightAbove ? 1 : 0;
        });
        var renderer = Render(style, frame);

        var glyph = renderer.Cells[geometry.CellCount / 2];
        var tile = renderer.Atlas.Tile(glyph);
        var half = tile.Length / 2;
        long top = 0, bottom = 0;
        for (var i = 0; i < tile.Length; i++)
        {
            if (i < half) top += tile[i];
            else bottom += tile[i];
        }

        output.WriteLine($"'{renderer.Glyphs[glyph]}' top {top} bottom {bottom}");
        var (bright, dark) = brightAbove ? (top, bottom) : (bottom, top);
        Assert.True(bright > 0, $"'{renderer.Glyphs[glyph]}' has no ink");
        Assert.True(bright >= 2 * dark, $"'{renderer.Glyphs[glyph]}': ink on the bright side {bright}, on the dark side {dark}");
    }

    [Fact]
    public void The_seven_smpte_bars_get_at_least_five_different_glyphs_in_fixed_colours()
    {
        // 75% bars: gray, yellow, cyan, green, magenta, red, blue, as full-range luma (BT.601 weights).
        double[] bars = [.. new[] { (191, 191, 191), (191, 191, 0), (0, 191, 191), (0, 191, 0), (191, 0, 191), (191, 0, 0), (0, 0, 191) }
            .Select(c => (0.299 * c.Item1 + 0.587 * c.Item2 + 0.114 * c.Item3) / 255)];
        using var frame = Frame((x, _) => bars[x * bars.Length / Width]);
        var renderer = Render(AsciiStyle.Shape, frame);

        // The middle row's cell in the middle of each bar.
        var geometry = renderer.Geometry;
        var middle = geometry.Rows / 2 * geometry.Columns;
        var glyphs = Enumerable.Range(0, bars.Length)
            .Select(bar => renderer.Glyphs[renderer.Cells[middle + (2 * bar + 1) * geometry.Columns / (2 * bars.Length)]]).ToList();
        output.WriteLine(string.Concat(glyphs));
        Assert.True(glyphs.Distinct().Count() >= 5, $"the bars got {string.Concat(glyphs)}");
    }

    [Fact]
    public void The_meter_sees_the_tones_of_a_bright_scene_and_a_wall_of_one_dense_glyph_loses_them()
    {
        // A bright diagonal ramp (a sky, 40%..100%) with a fine ripple: tones across the frame and detail within cells.
        using var frame = Frame((x, y) => 0.4 + 0.25 * x / Width + 0.25 * y / Height + 0.1 * (Math.Sin(x / 3.0) + 1) / 2);
        var geometry = GridGeometry.For(Width, Height, Columns, _fonts.CellAspect);
        var source = new byte[Width * Height];
        VideoRange.ToFullRange(frame.Luma, source);

        // The source measured against itself: every figure is perfect.
        var itself = new LookMeter(geometry.Columns, geometry.Rows, (Width, Height), (Width, Height));
        itself.Observe(source, Width, source, Width, new ushort[geometry.CellCount]);
        Assert.True(itself.Tone > 0.999 && itself.Detail > 0.999, $"tone {itself.Tone}, detail {itself.Detail}");

        // Rendered tone-true, the shape looks keep the scene's tones (before the fix every cell here was the densest glyph:
        // tone 0). ASCII shape keeps them at least as well as the normal ramp does. The block shapes trail the blocks'
        // shade ramp here: where the ripple splits a cell into a bright and a dark half they draw the half block (the
        // shape) rather than the shade of the cell's mean, so only a floor is asserted for them.
        var normal = LookEvaluator.Evaluate([frame], Look(AsciiStyle.Normal), geometry, _fonts);
        foreach (var style in new[] { AsciiStyle.Shape, AsciiStyle.ShapeBlocks })
        {
            var score = LookEvaluator.Evaluate([frame], Look(style), geometry, _fonts);
            output.WriteLine($"{style}: tone {score.Tone:0.000} detail {score.Detail:0.000}; normal: tone {normal.Tone:0.000}");
            Assert.True(score.Tone > 0.7, $"{style}: tone {score.Tone:0.000}");
        }

        var shape = LookEvaluator.Evaluate([frame], Look(AsciiStyle.Shape), geometry, _fonts);
        Assert.True(shape.Tone >= normal.Tone - 0.02, $"shape: tone {shape.Tone:0.000}, normal {normal.Tone:0.000}");

        // The old bug's picture: every cell the densest letter, B. Tone sees that it kept none of the scene.
        var layout = new FrameLayout(geometry);
        var glyphs = GlyphSet.PrintableAscii;
        var wall = new byte[geometry.RenderWidth * geometry.RenderHeight];
        new FrameComposer(layout, new GlyphAtlas(_fonts, glyphs, layout.TileWidth, layout.TileHeight))
            .Compose(Enumerable.Repeat((ushort)glyphs.Characters.IndexOf('B'), geometry.CellCount).ToArray(), wall);
        var meter = new LookMeter(geometry.Columns, geometry.Rows, (Width, Height), (geometry.RenderWidth, geometry.RenderHeight));
        meter.Observe(source, Width, wall, geometry.RenderWidth, new ushort[geometry.CellCount]);
        output.WriteLine($"wall of B: tone {meter.Tone:0.000} detail {meter.Detail:0.000}");
        Assert.True(meter.Tone < 0.1, $"a wall of B kept tone {meter.Tone:0.000}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    public void Glyph_contrast_keeps_a_flat_cells_glyph_visible_and_its_average_brightness(double contrast)
    {
        using var frame = Frame((_, _) => 0.5);
        var geometry = GridGeometry.For(Width, Height, Columns, _fonts.CellAspect);
        var renderer = new FrameRenderer(Look(AsciiStyle.Shape) with { ColorMode = ColorMode.Cell, GlyphContrast = contrast }, geometry, _fonts);
        renderer.MapCharacters(frame);

        var cell = geometry.CellCount / 2;
        var ink = InkOf(renderer)[renderer.Cells[cell]];
        var (glyph, background) = (renderer.Palette.CellColors![cell], renderer.Palette.CellBackgrounds![cell]);
        output.WriteLine($"'{renderer.Glyphs[renderer.Cells[cell]]}' ink {ink:0.00}: glyph {glyph}, background {background}");
        Assert.True(ink > 0, "a mid-gray cell should get a glyph, not a space");
        var difference = Math.Abs(glyph.Luma - background.Luma);
        if (contrast == 0)
        {
            Assert.Equal(glyph, background);
        }
        else
        {
            Assert.True(difference >= contrast - 0.02, $"glyph and background differ by {difference:0.000}");
            // The cell's average, as the glyph covers it, stays the picture's gray.
            var average = ink * glyph.Luma + (1 - ink) * background.Luma;
            Assert.InRange(average, 0.45, 0.55);
        }
    }
}
