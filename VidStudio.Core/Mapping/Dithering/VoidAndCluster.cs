namespace VidStudio.Core.Mapping.Dithering;

/// <summary>
/// Ulichney's void-and-cluster method (1993): ranks the cells of a torus so that the first k of them, for every k, are
/// spread as evenly as possible — blue noise, whose grain has no low frequencies and no repeating pattern. "Energy" is
/// a Gaussian (σ = 1.5 cells) summed over the chosen cells, wrapping at the edges so the map tiles seamlessly; the
/// tightest cluster is the chosen cell of most energy, the largest void the free cell of least. Deterministic: the
/// seed pattern comes from a fixed SplitMix64 sequence and ties go to the lowest index, so the map can always be
/// regenerated rather than shipped.
/// </summary>
internal static class VoidAndCluster
{
    private const double Sigma = 1.5;

    /// <summary>Share of the cells in the initial pattern (Ulichney: about a tenth).</summary>
    private const int InitialShareDivisor = 10;

    private const ulong Seed = 0x5EED_D17E_2026;

    /// <summary>Every cell's rank, row-major: each of 0..size²−1 once.</summary>
    public static ushort[] Ranks(int size)
    {
        var field = new EnergyField(size);
        var cells = size * size;
        var initial = cells / InitialShareDivisor;
        var random = Seed;
        for (var placed = 0; placed < initial;)
        {
            var cell = (int)(SplitMix64(ref random) % (ulong)cells);
            if (!field.IsOn(cell))
            {
                field.Toggle(cell);
                placed++;
            }
        }

        // Relax the seed pattern: move its tightest cluster into its largest void until that move would go nowhere.
        while (true)
        {
            var cluster = field.TightestCluster();
            field.Toggle(cluster);
            var largestVoid = field.LargestVoid();
            field.Toggle(largestVoid);
            if (largestVoid == cluster)
            {
                break;
            }
        }

        var ranks = new ushort[cells];
        var prototype = field.Copy();

        // Ranks below the seed pattern's size: take its tightest clusters away, last rank first.
        for (var rank = initial - 1; rank >= 0; rank--)
        {
            var cluster = field.TightestCluster();
            field.Toggle(cluster);
            ranks[cluster] = (ushort)rank;
        }

        // The rest: fill the largest void each time. (Past half the cells Ulichney ranks the tightest cluster of the free
        // cells instead; with a linear energy over a torus, whose total is the same everywhere, that is the same cell.)
        field = prototype;
        for (var rank = initial; rank < cells; rank++)
        {
            var largestVoid = field.LargestVoid();
            field.Toggle(largestVoid);
            ranks[largestVoid] = (ushort)rank;
        }

        return ranks;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>The chosen cells of a torus and, for every cell, the Gaussian energy the chosen ones give it.</summary>
    private sealed class EnergyField
    {
        private readonly int _size;
        private readonly double[] _kernel;
        private readonly bool[] _on;
        private readonly double[] _energy;

        public EnergyField(int size)
        {
            _size = size;
            _kernel = new double[size * size];
            for (var dy = 0; dy < size; dy++)
            {
                for (var dx = 0; dx < size; dx++)
                {
                    // The shorter way round the torus.
                    var (x, y) = (Math.Min(dx, size - dx), Math.Min(dy, size - dy));
                    _kernel[dy * size + dx] = Math.Exp(-(x * x + y * y) / (2 * Sigma * Sigma));
                }
            }

            _on = new bool[size * size];
            _energy = new double[size * size];
        }

        private EnergyField(EnergyField other)
        {
            _size = other._size;
            _kernel = other._kernel;
            _on = (bool[])other._on.Clone();
            _energy = (double[])other._energy.Clone();
        }

        public EnergyField Copy() => new(this);

        public bool IsOn(int cell) => _on[cell];

        public void Toggle(int cell)
        {
            _on[cell] = !_on[cell];
            var sign = _on[cell] ? 1 : -1;
            var (cx, cy) = (cell % _size, cell / _size);
            var mask = _size - 1;
            for (var y = 0; y < _size; y++)
            {
                var kernelRow = ((y - cy) & mask) * _size;
                for (var x = 0; x < _size; x++)
                {
                    _energy[y * _size + x] += sign * _kernel[kernelRow + ((x - cx) & mask)];
                }
            }
        }

        public int TightestCluster() => Extreme(on: true, sign: 1);

        public int LargestVoid() => Extreme(on: false, sign: -1);

        /// <summary>The cell with <paramref name="on"/> state of the greatest energy × <paramref name="sign"/>; ties go to the lowest index.</summary>
        private int Extreme(bool on, int sign)
        {
            var (best, bestValue) = (-1, double.NegativeInfinity);
            for (var cell = 0; cell < _on.Length; cell++)
            {
                if (_on[cell] == on && sign * _energy[cell] > bestValue)
                {
                    (best, bestValue) = (cell, sign * _energy[cell]);
                }
            }

            return best;
        }
    }
}
