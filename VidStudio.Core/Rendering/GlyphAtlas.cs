using SkiaSharp;
using VidStudio.Core.Mapping;

namespace VidStudio.Core.Rendering;

/// <summary>
/// Every glyph of a style rasterised once per job into an 8-bit coverage tile. Block elements and braille are drawn
/// as shapes rather than text: text blocks leave seams at fractional advances, and the mono font has no braille.
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

    private void Draw(SKCanvas canvas, SKPaint paint, FontSet fonts, char c)
    {
        float w = TileWidth, h = TileHeight;
        if (GlyphSet.Quadrants.Characters.IndexOf(c) is var quadrants and > 0)
        {
            // Quadrant bits: 1 upper left, 2 upper right, 4 lower left, 8 lower right. Edges are whole pixels, so
            // neighbouring quadrants meet without a seam.
            float halfW = MathF.Round(w / 2), halfH = MathF.Round(h / 2);
            if ((quadrants & 1) != 0) canvas.DrawRect(0, 0, halfW, halfH, paint);
            if ((quadrants & 2) != 0) canvas.DrawRect(halfW, 0, w - halfW, halfH, paint);
            if ((quadrants & 4) != 0) canvas.DrawRect(0, halfH, halfW, h - halfH, paint);
            if ((quadrants & 8) != 0) canvas.DrawRect(halfW, halfH, w - halfW, h - halfH, paint);
            return;
        }

        switch (c)
        {
            case ' ':
                return;
            case '░': FillShade(canvas, paint, 0.25f); return;
            case '▒': FillShade(canvas, paint, 0.5f); return;
            case '▓': FillShade(canvas, paint, 0.75f); return;
        }

        if (c is >= GlyphSet.BrailleBase and <= '\u28FF')
        {
            DrawBraille(canvas, paint, c - GlyphSet.BrailleBase);
            return;
        }

        var typeface = fonts.TypefaceFor(c);
        var size = Math.Min(w / fonts.AdvanceRatio, h / fonts.LineHeightRatio);
        using var font = new SKFont(typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
        var text = c.ToString();
        var advance = font.MeasureText(text);
        var baseline = (h - size * fonts.LineHeightRatio) / 2 + size * fonts.AscentRatio;
        canvas.DrawText(text, (w - advance) / 2, baseline, SKTextAlign.Left, font, paint);
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
