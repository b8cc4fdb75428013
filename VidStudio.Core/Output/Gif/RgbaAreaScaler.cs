using System.Numerics;
using System.Runtime.InteropServices;

namespace VidStudio.Core.Output.Gif;

/// <summary>
/// Shrinks RGBA frames by area averaging, as ffmpeg's <c>scale=…:flags=area</c> does, by any factor: each output pixel
/// is the mean of the source pixels under it, each weighted by how much of it lies under the output pixel (channels
/// apart, alpha unpremultiplied like ffmpeg's). Rows are combined first, a whole source row at a time in vectors, then
/// columns on the rows that are left. Weights are in 256ths, so a result is within one level of the exact mean.
/// </summary>
public sealed class RgbaAreaScaler
{
    private const int WeightBits = 8, WeightOne = 1 << WeightBits;

    private readonly int _sourceWidth, _width;
    private readonly Taps[] _columns, _rows;

    /// <summary>The current output row before its columns are combined: the source row's channels, each ×256.</summary>
    private readonly ushort[] _rowSums;

    public RgbaAreaScaler(int sourceWidth, int sourceHeight, int width, int height)
    {
        if (width > sourceWidth || height > sourceHeight || width < 1 || height < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}×{height} is not a reduction of {sourceWidth}×{sourceHeight}.");
        }

        (_sourceWidth, _width) = (sourceWidth, width);
        _columns = TapsOf(sourceWidth, width);
        _rows = TapsOf(sourceHeight, height);
        _rowSums = new ushort[sourceWidth * 4];
    }

    /// <summary>Bytes of an output frame.</summary>
    public int Length => _width * _rows.Length * 4;

    /// <summary>Writes the shrunk <paramref name="source"/> (RGBA, the source size) to <paramref name="destination"/> (RGBA, the output size).</summary>
    public void Scale(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var rowLength = _sourceWidth * 4;
        for (var y = 0; y < _rows.Length; y++)
        {
            var (first, weights) = _rows[y];
            AddRows(source, rowLength, first, weights);
            CombineColumns(destination.Slice(y * _width * 4, _width * 4));
        }
    }

    /// <summary>The weighted sum of the source rows <paramref name="first"/>… into <see cref="_rowSums"/>: 255 × 256 fits a ushort.</summary>
    private void AddRows(ReadOnlySpan<byte> source, int rowLength, int first, ushort[] weights)
    {
        var sums = _rowSums.AsSpan();
        var vectorBytes = rowLength / Vector<byte>.Count * Vector<byte>.Count;
        var sumVectors = MemoryMarshal.Cast<ushort, Vector<ushort>>(sums[..vectorBytes]);
        for (var tap = 0; tap < weights.Length; tap++)
        {
            var row = source.Slice((first + tap) * rowLength, rowLength);
            var rowVectors = MemoryMarshal.Cast<byte, Vector<byte>>(row[..vectorBytes]);
            var weight = new Vector<ushort>(weights[tap]);
            for (var i = 0; i < rowVectors.Length; i++)
            {
                Vector.Widen(rowVectors[i], out var low, out var high);
                sumVectors[2 * i] = tap == 0 ? low * weight : sumVectors[2 * i] + low * weight;
                sumVectors[2 * i + 1] = tap == 0 ? high * weight : sumVectors[2 * i + 1] + high * weight;
            }

            for (var i = vectorBytes; i < rowLength; i++)
            {
                sums[i] = (ushort)((tap == 0 ? 0 : sums[i]) + row[i] * weights[tap]);
            }
        }
    }

    /// <summary>The output row from <see cref="_rowSums"/>: each output pixel's columns weighted, then rounded from 65536ths.</summary>
    private void CombineColumns(Span<byte> destination)
    {
        ReadOnlySpan<ushort> sums = _rowSums;
        for (var x = 0; x < _columns.Length; x++)
        {
            var (first, weights) = _columns[x];
            uint r = 0, g = 0, b = 0, a = 0;
            for (int tap = 0, p = first * 4; tap < weights.Length; tap++, p += 4)
            {
                uint weight = weights[tap];
                r += weight * sums[p];
                g += weight * sums[p + 1];
                b += weight * sums[p + 2];
                a += weight * sums[p + 3];
            }

            const uint half = 1 << (2 * WeightBits - 1);
            var pixel = destination.Slice(x * 4, 4);
            pixel[0] = (byte)((r + half) >> (2 * WeightBits));
            pixel[1] = (byte)((g + half) >> (2 * WeightBits));
            pixel[2] = (byte)((b + half) >> (2 * WeightBits));
            pixel[3] = (byte)((a + half) >> (2 * WeightBits));
        }
    }

    /// <summary>One output row's or column's source pixels: the first one and the weight of each (in 256ths, summing to 256).</summary>
    private readonly record struct Taps(int First, ushort[] Weights);

    /// <summary>
    /// For each of <paramref name="size"/> output pixels, the source pixels it covers and their weights. Lengths are
    /// counted in units of 1/<paramref name="size"/> source pixel, so output pixel i spans [i·source, (i+1)·source)
    /// exactly; the rounded weights' remainder goes to the largest, so they sum to 256.
    /// </summary>
    private static Taps[] TapsOf(int source, int size)
    {
        var taps = new Taps[size];
        for (var i = 0; i < size; i++)
        {
            long start = (long)i * source, end = (long)(i + 1) * source;
            var first = (int)(start / size);
            var last = (int)((end - 1) / size);
            var weights = new ushort[last - first + 1];
            for (var j = first; j <= last; j++)
            {
                var overlap = Math.Min(end, (long)(j + 1) * size) - Math.Max(start, (long)j * size);
                weights[j - first] = (ushort)((overlap * WeightOne + source / 2) / source);
            }

            var largest = Array.IndexOf(weights, weights.Max());
            weights[largest] = (ushort)(weights[largest] + WeightOne - weights.Sum(w => w));
            taps[i] = new Taps(first, weights);
        }

        return taps;
    }
}
