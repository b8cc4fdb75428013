using System.Text;
using SkiaSharp;
using VidStudio.Core.Mapping;

namespace VidStudio.Core.Rendering;

/// <summary>
/// Every glyph of a style rasterised once per job into an 8-bit coverage tile. Block elements (halves, eighths,
/// quadrants, sextants, octants: <see cref="BlockGeometry"/>), shades and braille are drawn as shapes rather than text:
/// text blocks leave seams at fractional advances, and the mono font has neither braille nor sextants nor octants.
/// </summary>
public sealed class GlyphAtlas
{
    private readonly byte[] _tiles;
    private readonly bool[] _blank;

    public GlyphAtlas(FontSet fonts, GlyphSet glyphs, int tileWidth, int tileHeight)
    {
        TileWidth = tileWidth;
        TileHeight = tileHeight;
        _tiles = new byte[glyphs.Count * TileLength];
        _blank = new bool[glyphs.Count];
        using var bitmap = new SKBitmap(new SKImageInfo(tileWidth, tileHeight, SKColorType.Alpha8, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Fill };
        for (var i = 0; i < glyphs.Count; i++)
        {
            canvas.Clear(SKColors.Transparent);
            Draw(canvas, paint, fonts, glyphs[i]);
            canvas.Flush();
            var tile = _tiles.AsSpan(i * TileLength, TileLength);
            var pixels = bitmap.GetPixelSpan();
            for (var y = 0; y < tileHeight; y++)
            {
                pixels.Slice(y * bitmap.RowBytes, tileWidth).CopyTo(tile.Slice(y * tileWidth, tileWidth));
            }

            _blank[i] = !tile.ContainsAnyExcept((byte)0);
        }
    }

    public int TileWidth { get; }

    public int TileHeight { get; }

    private int TileLength => TileWidth * TileHeight;

    public ReadOnlySpan<byte> Tile(int glyph) => _tiles.AsSpan(glyph * TileLength, TileLength);

    /// <summary>Every tile, one after the other in glyph order.</summary>
    public ReadOnlySpan<byte> Tiles => _tiles;

    public bool IsBlank(int glyph) => _blank[glyph];

    private void Draw(SKCanvas canvas, SKPaint paint, FontSet fonts, Rune symbol)
    {
        float w = TileWidth, h = TileHeight;
        if (BlockGeometry.TryGet(symbol, out var block))
        {
            DrawBlock(canvas, block);
            return;
        }

        switch (symbol.Value)
        {
            case ' ':
                return;
            case '░': FillShade(canvas, paint, 0.25f); return;
            case '▒': FillShade(canvas, paint, 0.5f); return;
            case '▓': FillShade(canvas, paint, 0.75f); return;
            case >= GlyphSet.BrailleBase and <= '\u28FF':
                DrawBraille(canvas, paint, symbol.Value - GlyphSet.BrailleBase);
                return;
        }

        var typeface = fonts.TypefaceFor(symbol);
        var size = Math.Min(w / fonts.AdvanceRatio, h / fonts.LineHeightRatio);
        using var font = new SKFont(typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
        var text = symbol.ToString();
        var advance = font.MeasureText(text);
        var baseline = (h - size * fonts.LineHeightRatio) / 2 + size * fonts.AscentRatio;
        canvas.DrawText(text, (w - advance) / 2, baseline, SKTextAlign.Left, font, paint);
    }

    /// <summary>
    /// A mosaic symbol as whole-pixel rectangles without anti-aliasing: every pixel is ink or not, so neighbouring cells
    /// meet without a seam and a cell shows exactly its two colours (a palette look stays on the palette).
    /// </summary>
    private void DrawBlock(SKCanvas canvas, BlockGeometry block)
    {
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = false, Style = SKPaintStyle.Fill };
        for (var row = 0; row < block.Rows; row++)
        {
            for (var column = 0; column < block.Columns; column++)
            {
                if (block.IsInk(column, row))
                {
                    int left = BlockGeometry.Edge(column, block.Columns, TileWidth), right = BlockGeometry.Edge(column + 1, block.Columns, TileWidth);
                    int top = BlockGeometry.Edge(row, block.Rows, TileHeight), bottom = BlockGeometry.Edge(row + 1, block.Rows, TileHeight);
                    canvas.DrawRect(left, top, right - left, bottom - top, paint);
                }
            }
        }
    }

    private void FillShade(SKCanvas canvas, SKPaint paint, float coverage)
    {
        // A uniform tone instead of the font's stipple: stipples beat against the cell grid and x264 hates them.
        using var shade = paint.Clone();
        shade.Color = SKColors.White.WithAlpha((byte)Math.Round(coverage * 255));
        canvas.DrawRect(0, 0, TileWidth, TileHeight, shade);
    }

    private void DrawBraille(SKCanvas canvas, SKPaint paint, int bits)
    {
        float cellW = TileWidth / (float)BrailleDots.Columns, cellH = TileHeight / (float)BrailleDots.Rows;
        var radius = Math.Max(0.5f, Math.Min(cellW, cellH) * 0.38f);
        for (var row = 0; row < BrailleDots.Rows; row++)
        {
            for (var column = 0; column < BrailleDots.Columns; column++)
            {
                if ((bits & BrailleDots.Bit(row, column)) != 0)
                {
                    canvas.DrawCircle((column + 0.5f) * cellW, (row + 0.5f) * cellH, radius, paint);
                }
            }
        }
    }
}
