using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping;

/// <summary>
/// Brightness, contrast and gamma folded into one 256-entry table, applied to every sample and colour.
/// <see cref="ForLimitedRangeLuma"/> also expands video-range luma (16–235) to 0–255 in the same lookup.
/// </summary>
public sealed class ToneCurve
{
    private readonly byte[] _table = new byte[256];

    public ToneCurve(double brightness, double contrast, double gamma, bool limitedRangeInput = false)
    {
        for (var i = 0; i < 256; i++)
        {
            var v = (limitedRangeInput ? Math.Clamp((i - 16) / 219.0, 0, 1) : i / 255.0) * brightness;
            v = (v - 0.5) * contrast + 0.5;
            v = Math.Pow(Math.Clamp(v, 0, 1), 1 / gamma);
            _table[i] = (byte)Math.Round(v * 255);
        }
    }

    /// <summary>The curve for 0–255 values (colours).</summary>
    public static ToneCurve For(ConversionOptions options) => new(options.Brightness, options.Contrast, options.Gamma);

    /// <summary>The curve for decoded luma, which is video range.</summary>
    public static ToneCurve ForLimitedRangeLuma(ConversionOptions options) => new(options.Brightness, options.Contrast, options.Gamma, limitedRangeInput: true);

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
