using VidStudio.Core.Rendering;

namespace VidStudio.Bench;

/// <summary>
/// The block elements (U+2580–U+259F) and sextants (U+1FB00–U+1FB3B) chafa's <c>--symbols block+sextant</c> draws, as
/// exact cell geometry: each pixel of a cell is ink or not by where its centre falls, as a terminal that draws these
/// symbols itself shows them.
/// </summary>
internal static class MosaicSymbols
{
    private const int SextantBase = 0x1FB00;

    /// <summary>Draws one symbol per cell into a coverage plane (0 or 255 per pixel; shades at their nominal share).</summary>
    public static void Compose(FrameLayout layout, ReadOnlySpan<int> symbols, Span<byte> coverage)
    {
        var columns = layout.Geometry.Columns;
        for (var y = 0; y < layout.Height; y++)
        {
            var row = layout.RowOfY[y];
            var (top, bottom) = (layout.CellTop[row], layout.CellTop[row + 1]);
            var fy = (y - top + 0.5) / (bottom - top);
            for (var x = 0; x < layout.Width; x++)
            {
                var column = layout.ColumnOfX[x];
                var (left, right) = (layout.CellLeft[column], layout.CellLeft[column + 1]);
                var fx = (x - left + 0.5) / (right - left);
                coverage[y * layout.Width + x] = (byte)Math.Round(255 * Ink(symbols[row * columns + column], fx, fy));
            }
        }
    }

    /// <summary>The ink (0..1) of <paramref name="symbol"/> at the point (<paramref name="fx"/>, <paramref name="fy"/>) of its cell, both 0..1 from the top left.</summary>
    public static double Ink(int symbol, double fx, double fy)
    {
        bool Quadrant(bool upperLeft, bool upperRight, bool lowerLeft, bool lowerRight) =>
            fy < 0.5 ? (fx < 0.5 ? upperLeft : upperRight) : (fx < 0.5 ? lowerLeft : lowerRight);
        var ink = symbol switch
        {
            ' ' => false,
            0x2580 => fy < 0.5,
            >= 0x2581 and <= 0x2587 => fy >= 1 - (symbol - 0x2580) / 8.0,
            0x2588 => true,
            >= 0x2589 and <= 0x258F => fx < (0x2590 - symbol) / 8.0,
            0x2590 => fx >= 0.5,
            >= 0x2591 and <= 0x2593 => (bool?)null,
            0x2594 => fy < 1 / 8.0,
            0x2595 => fx >= 7 / 8.0,
            0x2596 => Quadrant(false, false, true, false),
            0x2597 => Quadrant(false, false, false, true),
            0x2598 => Quadrant(true, false, false, false),
            0x2599 => Quadrant(true, false, true, true),
            0x259A => Quadrant(true, false, false, true),
            0x259B => Quadrant(true, true, true, false),
            0x259C => Quadrant(true, true, false, true),
            0x259D => Quadrant(false, true, false, false),
            0x259E => Quadrant(false, true, true, false),
            0x259F => Quadrant(false, true, true, true),
            >= SextantBase and <= SextantBase + 0x3B => (SextantBits(symbol) >> (2 * Math.Min((int)(fy * 3), 2) + (fx < 0.5 ? 0 : 1)) & 1) == 1,
            _ => throw new InvalidOperationException($"U+{symbol:X4} is not a block or sextant symbol."),
        };
        return ink switch { true => 1, false => 0, null => (symbol - 0x2590) / 4.0 };
    }

    /// <summary>
    /// A sextant's six cells as bits (1 upper left, 2 upper right, 4 middle left … 32 lower right). Unicode leaves out
    /// the patterns that existing blocks already are: none, all, the left column (21) and the right column (42).
    /// </summary>
    private static int SextantBits(int symbol)
    {
        var bits = symbol - SextantBase + 1;
        bits += bits >= 21 ? 1 : 0;
        return bits + (bits >= 42 ? 1 : 0);
    }
}
