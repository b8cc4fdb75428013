using System.Text;

namespace VidStudio.Core.Mapping;

/// <summary>
/// A mosaic symbol as exact cell geometry: ink on some of a <see cref="Columns"/> × <see cref="Rows"/> grid of equal
/// sub-cells (bit <c>row · Columns + column</c> of <see cref="Bits"/>). Half blocks, eighth blocks, quadrants, sextants
/// (2×3) and octants (2×4) are all such grids, so the raster outputs draw them as pixel-aligned rectangles (no font, no
/// seams between neighbouring cells, no anti-aliasing) and the text outputs write their code points.
/// </summary>
public readonly record struct BlockGeometry(int Columns, int Rows, int Bits)
{
    public const int SextantBase = 0x1FB00, OctantBase = 0x1CD00;

    /// <summary>
    /// The 2×4 patterns Unicode 16 did not give an octant code point because an older character already draws them:
    /// U+1CD00… runs through the other 230 patterns in ascending order.
    /// </summary>
    private static readonly Dictionary<int, int> BorrowedOctants = new()
    {
        [0x00] = ' ', [0x01] = 0x1CEA8, [0x02] = 0x1CEAB, [0x03] = 0x1FB82, [0x05] = 0x2598, [0x0A] = 0x259D,
        [0x0F] = 0x2580, [0x14] = 0x1FBE6, [0x28] = 0x1FBE7, [0x3F] = 0x1FB85, [0x40] = 0x1CEA3, [0x50] = 0x2596,
        [0x55] = 0x258C, [0x5A] = 0x259E, [0x5F] = 0x259B, [0x80] = 0x1CEA0, [0xA0] = 0x2597, [0xA5] = 0x259A,
        [0xAA] = 0x2590, [0xAF] = 0x259C, [0xC0] = 0x2582, [0xF0] = 0x2584, [0xF5] = 0x2599, [0xFA] = 0x259F,
        [0xFC] = 0x2586, [0xFF] = 0x2588,
    };

    /// <summary>The sextant patterns older blocks draw: none, all, the left column (▌) and the right column (▐).</summary>
    private static readonly Dictionary<int, int> BorrowedSextants = new() { [0] = ' ', [63] = 0x2588, [21] = 0x258C, [42] = 0x2590 };

    private static readonly int[] OctantCodePoints = CodePoints(256, BorrowedOctants, OctantBase);
    private static readonly int[] SextantCodePoints = CodePoints(64, BorrowedSextants, SextantBase);
    private static readonly Dictionary<int, BlockGeometry> ByCodePoint = Table();

    /// <summary>The character drawing the 2×2 pattern <paramref name="bits"/> (1 upper left, 2 upper right, 4 lower left, 8 lower right).</summary>
    public static Rune Quadrant(int bits) => Octant(QuadrantToOctant(bits));

    /// <summary>The character drawing the 2×3 pattern <paramref name="bits"/> (bit 2·row + column, from the top left).</summary>
    public static Rune Sextant(int bits) => new(SextantCodePoints[bits]);

    /// <summary>The character drawing the 2×4 pattern <paramref name="bits"/> (bit 2·row + column, from the top left).</summary>
    public static Rune Octant(int bits) => new(OctantCodePoints[bits]);

    /// <summary>The geometry of <paramref name="symbol"/>, when it is one of the blocks drawn as geometry.</summary>
    public static bool TryGet(Rune symbol, out BlockGeometry geometry) => ByCodePoint.TryGetValue(symbol.Value, out geometry);

    public bool IsInk(int column, int row) => (Bits >> (row * Columns + column) & 1) != 0;

    /// <summary>The sub-cell's edges in a cell of <paramref name="size"/> pixels: whole pixels, the same rounding for every cell.</summary>
    public static int Edge(int index, int count, int size) => (int)MathF.Round((float)size * index / count);

    /// <summary>The ink (0 or 1) at the point (<paramref name="fx"/>, <paramref name="fy"/>) of the cell, both 0..1 from the top left.</summary>
    public bool InkAt(double fx, double fy) =>
        IsInk(Math.Min((int)(fx * Columns), Columns - 1), Math.Min((int)(fy * Rows), Rows - 1));

    private static int QuadrantToOctant(int quadrant)
    {
        var bits = 0;
        for (var row = 0; row < 4; row++)
        {
            for (var column = 0; column < 2; column++)
            {
                if ((quadrant >> (row / 2 * 2 + column) & 1) != 0)
                {
                    bits |= 1 << (row * 2 + column);
                }
            }
        }

        return bits;
    }

    private static int[] CodePoints(int patterns, Dictionary<int, int> borrowed, int first)
    {
        var codePoints = new int[patterns];
        var next = first;
        for (var bits = 0; bits < patterns; bits++)
        {
            codePoints[bits] = borrowed.TryGetValue(bits, out var older) ? older : next++;
        }

        return codePoints;
    }

    private static Dictionary<int, BlockGeometry> Table()
    {
        var table = new Dictionary<int, BlockGeometry>();
        // A character several grids can draw (▌ is a left half, a left four-eighths and a quadrant pair) keeps its first
        // description: they cover the same pixels, since every grid rounds the same fraction of the cell to the same edge.
        table[0x2588] = new(1, 1, 1);
        table[0x2580] = new(1, 2, 0b01);
        table[0x2590] = new(2, 1, 0b10);
        for (var eighths = 1; eighths <= 7; eighths++)
        {
            table.TryAdd(0x2580 + eighths, new(1, 8, 0xFF << (8 - eighths) & 0xFF)); // ▁…▇: the lower eighths
            table.TryAdd(0x2590 - eighths, new(8, 1, (1 << eighths) - 1));           // ▏…▉: the left eighths
        }

        table[0x2594] = new(1, 8, 0b1);
        table[0x2595] = new(8, 1, 0b1000_0000);
        for (var bits = 1; bits < 16; bits++)
        {
            table.TryAdd(Quadrant(bits).Value, new(2, 2, bits));
        }

        for (var bits = 1; bits < 64; bits++)
        {
            table.TryAdd(SextantCodePoints[bits], new(2, 3, bits));
        }

        for (var bits = 1; bits < 256; bits++)
        {
            table.TryAdd(OctantCodePoints[bits], new(2, 4, bits));
        }

        return table;
    }
}
