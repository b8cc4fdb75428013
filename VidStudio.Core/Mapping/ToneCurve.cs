using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping;

/// <summary>
/// Brightness, contrast and gamma folded into one 256-entry table, applied to every sample and colour.
/// <see cref="ForLimitedRangeLuma"/> also expands video-range luma (16–235) to 0–255 in the same lookup.
/// </summary>
public sealed class ToneCurve
{
    private readonly byte[] _table = new byte[256];

    /// <param name="inputLow">Input value that becomes black, before brightness/contrast/gamma (auto levels move it).</param>
    /// <param name="inputHigh">Input value that becomes white.</param>
    public ToneCurve(double brightness, double contrast, double gamma, double inputLow, double inputHigh)
    {
        for (var i = 0; i < 256; i++)
        {
            var v = Math.Clamp((i - inputLow) / (inputHigh - inputLow), 0, 1) * brightness;
            v = (v - 0.5) * contrast + 0.5;
            v = Math.Pow(Math.Clamp(v, 0, 1), 1 / gamma);
            _table[i] = (byte)Math.Round(v * 255);
        }
    }

    /// <summary>The curve for 0–255 values (colours).</summary>
    public static ToneCurve For(ConversionOptions options) => ForColors(options, VideoBlack, VideoWhite);

    /// <summary>The curve for decoded luma, which is video range.</summary>
    public static ToneCurve ForLimitedRangeLuma(ConversionOptions options) => ForLuma(options, VideoBlack, VideoWhite);

    /// <summary>The luma curve that stretches video-range <paramref name="low"/>..<paramref name="high"/> to full scale.</summary>
    public static ToneCurve ForLuma(ConversionOptions options, double low, double high) =>
        new(options.Brightness, options.Contrast, options.Gamma, low, high);

    /// <summary>The colour curve with the same stretch, expressed on 0–255 colour values.</summary>
    public static ToneCurve ForColors(ConversionOptions options, double low, double high) =>
        new(options.Brightness, options.Contrast, options.Gamma, ToFullRange(low), ToFullRange(high));

    private const double VideoBlack = 16, VideoWhite = 235;

    private static double ToFullRange(double videoLuma) => (videoLuma - VideoBlack) * 255 / (VideoWhite - VideoBlack);

    public byte this[byte value] => _table[value];

    public void Apply(Span<byte> values)
    {
        var table = _table.AsSpan();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = table[values[i]];
        }
    }
}
