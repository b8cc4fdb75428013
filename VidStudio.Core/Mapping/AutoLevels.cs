namespace VidStudio.Core.Mapping;

/// <summary>
/// <see cref="Options.ConversionOptions.AutoLevels"/>: the luma range to stretch to full scale, from the dark and bright
/// percentiles of each frame, smoothed over time (an exponential average) so a bright object entering the picture
/// does not make the whole frame pump. A scene cut (the percentiles jump) takes the new range at once.
/// </summary>
public sealed class AutoLevels
{
    public const double LowPercentile = 0.01, HighPercentile = 0.99;

    /// <summary>Share of the way to the new frame's range each frame moves: ~0.4 s time constant at 25 f/s.</summary>
    private const double Smoothing = 0.1;

    /// <summary>A jump of the percentiles (video-range luma) this large is a new scene, not a drift.</summary>
    private const double CutJump = 48;

    /// <summary>Narrowest range stretched to full scale: a flat or black frame is not blown up into noise.</summary>
    public const double MinSpread = 32;

    private readonly int[] _histogram = new int[256];
    private bool _started;

    /// <summary>The current range in video-range luma (16–235 is no change).</summary>
    public double Low { get; private set; } = 16;

    public double High { get; private set; } = 235;

    /// <summary>Measures a frame's luma and moves the range towards it; true when the rounded range changed.</summary>
    public bool Observe(ReadOnlySpan<byte> luma)
    {
        Array.Clear(_histogram);
        foreach (var value in luma)
        {
            _histogram[value]++;
        }

        double low = Percentile(LowPercentile, luma.Length), high = Percentile(HighPercentile, luma.Length);
        if (high - low < MinSpread)
        {
            var middle = (low + high) / 2;
            (low, high) = (middle - MinSpread / 2, middle + MinSpread / 2);
        }

        var before = ((int)Math.Round(Low), (int)Math.Round(High));
        if (!_started || Math.Abs(low - Low) > CutJump || Math.Abs(high - High) > CutJump)
        {
            (Low, High) = (low, high);
            _started = true;
        }
        else
        {
            Low += (low - Low) * Smoothing;
            High += (high - High) * Smoothing;
        }

        return before != ((int)Math.Round(Low), (int)Math.Round(High));
    }

    private int Percentile(double share, int count)
    {
        var target = (long)Math.Ceiling(share * count);
        long seen = 0;
        for (var value = 0; value < 256; value++)
        {
            seen += _histogram[value];
            if (seen >= Math.Max(1, target))
            {
                return value;
            }
        }

        return 255;
    }
}
