using VidStudio.Core.Frames;
using VidStudio.Core.Options;

namespace VidStudio.Core.Rendering;

/// <summary>
/// Paints a coverage frame with a palette, into RGBA for PNG or into yuv420p (BT.709, limited range) for the H.264
/// encoder — the format x264 wants, so ffmpeg does no conversion. Fixed colours go through 256-entry tables; per-cell
/// colours are blended per cell span.
/// </summary>
public sealed class PixelConverter(FrameLayout layout)
{
    private readonly byte[] _blockCoverage = new byte[(layout.Geometry.EncodeWidth + 1) / 2];
    private readonly uint[] _paletteEntries = new uint[256];
    private (byte Y, byte U, byte V)[] _cellYuv = [], _cellBackgroundYuv = [];

    public static int Yuv420Length(GridGeometry geometry) =>
        geometry.EncodeWidth * geometry.EncodeHeight + 2 * (geometry.EncodeWidth / 2) * (geometry.EncodeHeight / 2);

    /// <summary>
    /// In fixed-colour modes, the RGBA colour of each coverage value (256 entries): with it the coverage frame is a
    /// palette image. False in source-colour mode, where colours vary per cell.
    /// </summary>
    public static bool TryBuildPalette(FramePalette palette, Span<uint> entries)
    {
        if (palette.CellColors is not null)
        {
            return false;
        }

        var (bg, fg) = (palette.Background, palette.Foreground);
        for (var a = 0; a < 256; a++)
        {
            entries[a] = palette.TransparentBackground ? Pack(fg, (byte)a) : Pack(Blend(bg, fg, a), 255);
        }

        return true;
    }

    /// <summary>Fills <paramref name="rgba"/> (RGBA8888, unpremultiplied) in any colour mode, for encoders that take full pixels.</summary>
    public void ToRgbaAnyMode(ReadOnlySpan<byte> coverage, FramePalette palette, Span<uint> rgba)
    {
        if (!TryBuildPalette(palette, _paletteEntries))
        {
            ToRgba(coverage, palette, rgba);
            return;
        }

        var entries = _paletteEntries.AsSpan();
        for (var i = 0; i < rgba.Length; i++)
        {
            rgba[i] = entries[coverage[i]];
        }
    }

    /// <summary>
    /// Fills <paramref name="rgba"/> (Skia's RGBA8888, unpremultiplied) in source-colour mode. Fixed colours never need
    /// it: their frames are palette images (<see cref="TryBuildPalette"/>).
    /// </summary>
    public void ToRgba(ReadOnlySpan<byte> coverage, FramePalette palette, Span<uint> rgba)
    {
        var cellColors = palette.CellColors ?? throw new InvalidOperationException("Fixed-colour frames are palette images; use TryBuildPalette.");
        var cellBackgrounds = palette.CellBackgrounds;
        var transparent = palette.TransparentBackground;

        var columns = layout.Geometry.Columns;
        for (var y = 0; y < layout.Height; y++)
        {
            var rowStart = layout.RowOfY[y] * columns;
            var rowColors = cellColors.AsSpan(rowStart, columns);
            var line = y * layout.Width;
            for (var column = 0; column < columns; column++)
            {
                // Most pixels of a glyph cell are plain background or fully covered; only anti-aliased edges blend.
                var fg = rowColors[column];
                var bg = cellBackgrounds is null ? palette.Background : cellBackgrounds[rowStart + column];
                var background = transparent ? Pack(fg, 0) : Pack(bg, 255);
                var covered = Pack(fg, 255);
                for (var x = layout.CellLeft[column]; x < layout.CellLeft[column + 1]; x++)
                {
                    var a = coverage[line + x];
                    rgba[line + x] = a switch
                    {
                        0 => background,
                        255 => covered,
                        _ => transparent ? Pack(fg, a) : Pack(Blend(bg, fg, a), 255),
                    };
                }
            }
        }
    }

    /// <summary>Fills a yuv420p frame of <see cref="GridGeometry.EncodeWidth"/> × <see cref="GridGeometry.EncodeHeight"/>; padding is background.</summary>
    public void ToYuv420(ReadOnlySpan<byte> coverage, FramePalette palette, Span<byte> yuv)
    {
        var geometry = layout.Geometry;
        int width = layout.Width, height = layout.Height, encodeWidth = geometry.EncodeWidth, encodeHeight = geometry.EncodeHeight;
        int chromaWidth = encodeWidth / 2, chromaHeight = encodeHeight / 2;
        var yPlane = yuv[..(encodeWidth * encodeHeight)];
        var uPlane = yuv.Slice(yPlane.Length, chromaWidth * chromaHeight);
        var vPlane = yuv.Slice(yPlane.Length + uPlane.Length, chromaWidth * chromaHeight);
        var bg = ToYuv(palette.Background);
        var cellColors = palette.CellColors;
        var fg = ToYuv(palette.Foreground);
        if (cellColors is not null)
        {
            ToYuv(cellColors, ref _cellYuv);
        }

        // Per-cell backgrounds (cell mode) take the per-cell path even where the glyph is blank.
        var cellBackgrounds = palette.CellBackgrounds;
        if (cellBackgrounds is not null)
        {
            ToYuv(cellBackgrounds, ref _cellBackgroundYuv);
        }

        var columns = geometry.Columns;
        for (var y = 0; y < encodeHeight; y++)
        {
            var line = yPlane.Slice(y * encodeWidth, encodeWidth);
            if (y >= height)
            {
                line.Fill(bg.Y);
                continue;
            }

            var source = coverage.Slice(y * width, width);
            if (cellColors is null)
            {
                CoverageBlend.Blend(source, line[..width], bg.Y, fg.Y);
            }
            else
            {
                var rowCells = _cellYuv.AsSpan(layout.RowOfY[y] * columns, columns);
                var rowBackgrounds = cellBackgrounds is null ? default : _cellBackgroundYuv.AsSpan(layout.RowOfY[y] * columns, columns);
                for (var column = 0; column < columns; column++)
                {
                    var fgY = rowCells[column].Y;
                    var bgY = cellBackgrounds is null ? bg.Y : rowBackgrounds[column].Y;
                    for (var x = layout.CellLeft[column]; x < layout.CellLeft[column + 1]; x++)
                    {
                        var a = source[x];
                        line[x] = a switch { 0 => bgY, 255 => fgY, _ => CoverageBlend.Lerp(bgY, fgY, a) };
                    }
                }
            }

            line[width..].Fill(bg.Y);
        }

        // Chroma: one sample per 2×2 block, blended by the block's mean coverage; blocks past the picture are background.
        var pictureBlocks = (width + 1) / 2;
        var blocks = _blockCoverage.AsSpan(0, pictureBlocks);
        for (var cy = 0; cy < chromaHeight; cy++)
        {
            var uLine = uPlane.Slice(cy * chromaWidth, chromaWidth);
            var vLine = vPlane.Slice(cy * chromaWidth, chromaWidth);
            int y0 = 2 * cy, y1 = Math.Min(y0 + 1, height - 1);
            if (y0 >= height)
            {
                uLine.Fill(bg.U);
                vLine.Fill(bg.V);
                continue;
            }

            CoverageBlend.AverageBlocks(coverage.Slice(y0 * width, width), coverage.Slice(y1 * width, width), blocks);
            if (cellColors is null)
            {
                CoverageBlend.Blend(blocks, uLine[..pictureBlocks], bg.U, fg.U);
                CoverageBlend.Blend(blocks, vLine[..pictureBlocks], bg.V, fg.V);
            }
            else
            {
                var rowCells = _cellYuv.AsSpan(layout.RowOfY[y0] * columns, columns);
                var rowBackgrounds = cellBackgrounds is null ? default : _cellBackgroundYuv.AsSpan(layout.RowOfY[y0] * columns, columns);
                for (var cx = 0; cx < pictureBlocks; cx++)
                {
                    var a = blocks[cx];
                    var column = layout.ColumnOfX[2 * cx];
                    var back = cellBackgrounds is null ? bg : rowBackgrounds[column];
                    if (a == 0)
                    {
                        (uLine[cx], vLine[cx]) = (back.U, back.V);
                        continue;
                    }

                    var cell = rowCells[column];
                    uLine[cx] = CoverageBlend.Lerp(back.U, cell.U, a);
                    vLine[cx] = CoverageBlend.Lerp(back.V, cell.V, a);
                }
            }

            uLine[pictureBlocks..].Fill(bg.U);
            vLine[pictureBlocks..].Fill(bg.V);
        }
    }

    private static void ToYuv(RgbColor[] colors, ref (byte Y, byte U, byte V)[] yuv)
    {
        if (yuv.Length != colors.Length)
        {
            yuv = new (byte, byte, byte)[colors.Length];
        }

        for (var i = 0; i < colors.Length; i++)
        {
            yuv[i] = ToYuv(colors[i]);
        }
    }

    private static (byte Y, byte U, byte V) ToYuv(RgbColor c)
    {
        // BT.709 limited range, the colour space the encoder tags its output with.
        double r = c.R, g = c.G, b = c.B;
        var y = 16 + (0.2126 * r + 0.7152 * g + 0.0722 * b) * 219 / 255;
        var u = 128 + (-0.114572 * r - 0.385428 * g + 0.5 * b) * 224 / 255;
        var v = 128 + (0.5 * r - 0.454153 * g - 0.045847 * b) * 224 / 255;
        return ((byte)Math.Round(y), (byte)Math.Round(u), (byte)Math.Round(v));
    }

    private static RgbColor Blend(RgbColor bg, RgbColor fg, int a) =>
        new(CoverageBlend.Lerp(bg.R, fg.R, a), CoverageBlend.Lerp(bg.G, fg.G, a), CoverageBlend.Lerp(bg.B, fg.B, a));

    private static uint Pack(RgbColor c, byte alpha) => (uint)(c.R | c.G << 8 | c.B << 16 | alpha << 24);
}
