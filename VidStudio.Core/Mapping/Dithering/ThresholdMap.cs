namespace VidStudio.Core.Mapping.Dithering;

/// <summary>
/// A square tile of thresholds repeated over the cell grid, fixed to the screen: the same cell always gets the same
/// threshold, so a still picture dithers the same way every frame. Each rank 0..Count−1 appears once, so within a tile a
/// flat tone's fraction f lies above exactly f of the thresholds.
/// </summary>
public sealed class ThresholdMap
{
    private readonly ushort[] _ranks;
    private readonly int _mask;

    /// <param name="ranks">Row-major, <paramref name="size"/>² entries, each of 0..size²−1 once.</param>
    public ThresholdMap(int size, ushort[] ranks)
    {
        if (!int.IsPow2(size) || ranks.Length != size * size || ranks.Distinct().Count() != ranks.Length || ranks.Any(rank => rank >= ranks.Length))
        {
            throw new ArgumentException("A threshold map holds every rank of its size² cells once, on a power-of-two side.", nameof(ranks));
        }

        (Size, _ranks, _mask) = (size, ranks, size - 1);
    }

    public int Size { get; }

    public int Count => _ranks.Length;

    public int RankAt(int column, int row) => _ranks[(row & _mask) * Size + (column & _mask)];

    /// <summary>The threshold at a cell, (rank + ½) ÷ count: evenly spread strictly inside 0..1 and centred on ½.</summary>
    public double At(int column, int row) => (RankAt(column, row) + 0.5) / Count;

    /// <summary>The 8×8 Bayer matrix: the classic ordered dither, a regular cross-hatch at each tone.</summary>
    public static ThresholdMap Bayer8 { get; } = Bayer(8);

    /// <summary>A 64×64 blue-noise map (void and cluster): even grain with no visible pattern. Made once, on first use.</summary>
    public static ThresholdMap BlueNoise64 => BlueNoise.Map;

    /// <summary>Recursive Bayer: each doubling puts the four copies of the smaller matrix in the order 0 3 / 2 1 (×4 + offset).</summary>
    private static ThresholdMap Bayer(int size)
    {
        var ranks = new ushort[] { 0 };
        for (var side = 1; side < size; side *= 2)
        {
            var larger = new ushort[4 * side * side];
            for (var y = 0; y < side; y++)
            {
                for (var x = 0; x < side; x++)
                {
                    var rank = 4 * ranks[y * side + x];
                    larger[y * 2 * side + x] = (ushort)rank;
                    larger[y * 2 * side + x + side] = (ushort)(rank + 2);
                    larger[(y + side) * 2 * side + x] = (ushort)(rank + 3);
                    larger[(y + side) * 2 * side + x + side] = (ushort)(rank + 1);
                }
            }

            ranks = larger;
        }

        return new ThresholdMap(size, ranks);
    }

    /// <summary>Holder of the blue-noise map, so it is generated (some tens of milliseconds) only by the first job that dithers with it.</summary>
    private static class BlueNoise
    {
        public static readonly ThresholdMap Map = new(64, VoidAndCluster.Ranks(64));
    }
}
