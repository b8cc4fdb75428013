namespace VidStudio.Core.Mapping;

/// <summary>
/// Box-filter weights from a source length to a target length: each target sample is the area-weighted mean of the
/// source pixels it covers (works for shrinking and enlarging). Built once per job; used separably on both axes.
/// </summary>
public sealed class AreaResampler
{
    private readonly int[] _first;
    private readonly int[] _count;
    private readonly float[] _weights;
    private readonly int _maxTaps;

    public AreaResampler(int sourceLength, int targetLength)
    {
        SourceLength = sourceLength;
        TargetLength = targetLength;
        var scale = (double)sourceLength / targetLength;
        _maxTaps = (int)Math.Ceiling(scale) + 1;
        _first = new int[targetLength];
        _count = new int[targetLength];
        _weights = new float[targetLength * _maxTaps];
        for (var t = 0; t < targetLength; t++)
        {
            var start = t * scale;
            var end = Math.Min(sourceLength, (t + 1) * scale);
            var first = Math.Min((int)start, sourceLength - 1);
            var count = 0;
            for (var s = first; s < end && count < _maxTaps; s++, count++)
            {
                var overlap = Math.Min(end, s + 1) - Math.Max(start, s);
                _weights[t * _maxTaps + count] = (float)(overlap / (end - start));
            }

            _first[t] = first;
            _count[t] = Math.Max(1, count);
            if (count == 0)
            {
                _weights[t * _maxTaps] = 1;
            }
        }
    }

    public int SourceLength { get; }

    public int TargetLength { get; }

    /// <summary>Resamples a plane of <c>width × height</c> bytes to <c>horizontal.TargetLength × vertical.TargetLength</c>.</summary>
    public static void Resample(ReadOnlySpan<byte> source, int stride, AreaResampler horizontal, AreaResampler vertical, Span<float> scratch, Span<byte> target)
    {
        var targetWidth = horizontal.TargetLength;
        var sourceHeight = vertical.SourceLength;
        var rows = scratch[..(targetWidth * sourceHeight)];
        for (var y = 0; y < sourceHeight; y++)
        {
            horizontal.ResampleLine(source.Slice(y * stride, horizontal.SourceLength), rows.Slice(y * targetWidth, targetWidth));
        }

        // Accumulate whole rows per tap so memory is read sequentially.
        var accumulator = scratch.Slice(targetWidth * sourceHeight, targetWidth);
        for (var ty = 0; ty < vertical.TargetLength; ty++)
        {
            var first = vertical._first[ty];
            var taps = vertical._weights.AsSpan(ty * vertical._maxTaps, vertical._count[ty]);
            accumulator.Clear();
            for (var k = 0; k < taps.Length; k++)
            {
                var weight = taps[k];
                var row = rows.Slice((first + k) * targetWidth, targetWidth);
                for (var x = 0; x < targetWidth; x++)
                {
                    accumulator[x] += row[x] * weight;
                }
            }

            var line = target.Slice(ty * targetWidth, targetWidth);
            for (var x = 0; x < targetWidth; x++)
            {
                line[x] = (byte)Math.Min(255, (int)(accumulator[x] + 0.5f));
            }
        }
    }

    /// <summary>Floats of scratch space <see cref="Resample"/> needs.</summary>
    public static int ScratchLength(AreaResampler horizontal, AreaResampler vertical) =>
        horizontal.TargetLength * (vertical.SourceLength + 1);

    private void ResampleLine(ReadOnlySpan<byte> source, Span<float> target)
    {
        for (var t = 0; t < target.Length; t++)
        {
            var first = _first[t];
            var taps = _weights.AsSpan(t * _maxTaps, _count[t]);
            var sum = 0f;
            for (var k = 0; k < taps.Length; k++)
            {
                sum += source[first + k] * taps[k];
            }

            target[t] = sum;
        }
    }
}
