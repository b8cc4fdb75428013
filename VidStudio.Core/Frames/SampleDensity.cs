namespace VidStudio.Core.Frames;

/// <summary>Luma samples per character cell that a mapper reads: the sample grid is Columns·X × Rows·Y.</summary>
public readonly record struct SampleDensity(int X, int Y)
{
    /// <summary>2×4: one sample per braille dot, enough for brightness ramps and edge directions.</summary>
    public static SampleDensity Standard { get; } = new(GridGeometry.SamplesPerCellX, GridGeometry.SamplesPerCellY);

    /// <summary>4×8: fine enough to tell glyph shapes apart (chafa matches at 8×8 on square-ish terminal cells).</summary>
    public static SampleDensity Shape { get; } = new(4, 8);

    public int PerCell => X * Y;

    public int Width(GridGeometry geometry) => geometry.Columns * X;

    public int Height(GridGeometry geometry) => geometry.Rows * Y;
}
