using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping;

/// <summary>The characters one style can produce; a mapped cell holds an index into <see cref="Characters"/>.</summary>
public sealed class GlyphSet(string characters)
{
    public const char BrailleBase = '\u2800';

    public string Characters { get; } = characters;

    public int Count => Characters.Length;

    public char this[int index] => Characters[index];

    /// <summary>Ramps run dark → light: on the default black background a dark cell is a space.</summary>
    public static class Ramps
    {
        public const string Normal = " .:-=+*#%@";
        public const string Dots = " ·∙•●";
        public const string Gradient = " .'`^\",:;Il!i><~+_-?][}{1)(|\\/tfjrxnuvczXYUJCLQ0OZmwqpdbkhao*#MW&8%B@$";
        public const string Blocks = " ░▒▓█";
        public const string EdgeFill = " .:;+=*#";
        public const string EdgeLines = "-/|\\_";
    }

    /// <summary>The 95 printable ASCII characters, space first (the glyph of a flat cell).</summary>
    public static GlyphSet PrintableAscii { get; } = new(string.Create(95, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)(' ' + i);
        }
    }));

    /// <summary>
    /// Every 2×2 quadrant pattern (index = bits: 1 upper left, 2 upper right, 4 lower left, 8 lower right), so the
    /// halves and the full block are among them. Sextants (U+1FB00…) lie outside the BMP a cell's char can hold.
    /// </summary>
    public static GlyphSet Quadrants { get; } = new(" ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█");

    /// <summary>
    /// <see cref="Quadrants"/> and the three shades: quadrants alone are all-or-nothing per quarter, so a uniform cell
    /// could only be empty or full; the shades give flat areas the tones between (as <see cref="Ramps.Blocks"/> does).
    /// </summary>
    public static GlyphSet QuadrantsAndShades { get; } = new(Quadrants.Characters + "░▒▓");

    /// <summary>The characters of <paramref name="options"/>' style.</summary>
    public static GlyphSet For(ConversionOptions options) => options.Style switch
    {
        AsciiStyle.Braille => Braille,
        AsciiStyle.Shape => PrintableAscii,
        AsciiStyle.ShapeBlocks => QuadrantsAndShades,
        _ => new GlyphSet(RampFor(options)),
    };

    /// <summary>U+2800 + dot bits: all 256 braille patterns, so the glyph index is the dot pattern itself.</summary>
    public static GlyphSet Braille { get; } = new(string.Create(256, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)(BrailleBase + i);
        }
    }));

    /// <summary>The ramp a ramp-based style maps brightness onto.</summary>
    public static string RampFor(ConversionOptions options) => options.Style switch
    {
        AsciiStyle.Normal => Ramps.Normal,
        AsciiStyle.Inverted => Reverse(Ramps.Normal),
        AsciiStyle.Dots => Ramps.Dots,
        AsciiStyle.Gradient => Ramps.Gradient,
        AsciiStyle.Blocks => Ramps.Blocks,
        AsciiStyle.Custom => options.Charset!,
        AsciiStyle.Edges => Ramps.EdgeFill,
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Style, "Not a ramp style."),
    };

    private static string Reverse(string text)
    {
        var chars = text.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }
}
