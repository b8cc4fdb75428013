using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace VidStudio.Core.Options;

/// <summary>An opaque sRGB colour, written as <c>#RRGGBB</c>.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    public static bool TryParse([NotNullWhen(true)] string? text, out RgbColor color)
    {
        color = default;
        if (text is not { Length: 7 } || text[0] != '#'
            || !uint.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            return false;
        }

        color = new RgbColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }

    public static RgbColor Parse(string text) =>
        TryParse(text, out var color) ? color : throw new FormatException($"'{text}' is not a #RRGGBB colour.");

    /// <summary>Rec. 709 relative luminance of the (gamma-encoded) values, 0..1: how bright the colour reads.</summary>
    public double Luma => (0.2126 * R + 0.7152 * G + 0.0722 * B) / 255;

    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}";
}
