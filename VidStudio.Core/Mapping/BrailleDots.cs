namespace VidStudio.Core.Mapping;

/// <summary>
/// The Unicode braille cell: 2 columns × 4 rows of dots, the code point U+2800 plus one bit per raised dot. The mapper
/// that raises dots and the atlas that draws them both read this one layout.
/// </summary>
public static class BrailleDots
{
    public const int Columns = 2;
    public const int Rows = 4;

    // Dots 1-2-3-7 are the left column, 4-5-6-8 the right one; dot n is bit n-1.
    private static readonly int[,] BitByPosition = { { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 } };

    /// <summary>The bit of the dot at <paramref name="row"/> (0-3, top first) and <paramref name="column"/> (0-1).</summary>
    public static int Bit(int row, int column) => BitByPosition[row, column];
}
