using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping;

/// <summary>Brightness, contrast and gamma folded into one 256-entry table, applied to every sample and colour.</summary>
public sealed class ToneCurve
{
    private readonly byte[] _table = new byte[256];

    public ToneCurve(double brightness, double contrast, double gamma)
    {
        for (var i = 0; i < 256; i++)
        {
            var v = i / 255.0 * brightness;
            v = (v - 0.5) * contrast + 0.5;
            v = Math.Pow(Math.Clamp(v, 0, 1), 1 / gamma);
            _table[i] = (byte)Math.Round(v * 255);
        }
    }

    public static ToneCurve For(ConversionOptions options) => new(options.Brightness, options.Contrast, options.Gamma);

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
