using System.Text;
using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping;

/// <summary>
/// The symbols one style can produce, as Unicode scalar values (sextants and octants lie outside the BMP a UTF-16 char
/// holds); a mapped cell holds an index into the set. Each symbol's UTF-16 form is kept so text outputs copy it as is.
/// </summary>
public sealed class GlyphSet
{
    public const char BrailleBase = '\u2800';

    private readonly Rune[] _symbols;
    private readonly string[] _utf16;

    public GlyphSet(string characters)
        : this(characters.EnumerateRunes())
    {
    }

    public GlyphSet(IEnumerable<Rune> symbols)
    {
        _symbols = symbols.ToArray();
        _utf16 = _symbols.Select(symbol => symbol.ToString()).ToArray();
        Characters = string.Concat(_utf16);
        IsBasicPlane = _symbols.All(symbol => symbol.IsBmp);
    }

    /// <summary>Every symbol in order, as UTF-16 text (two chars for a symbol beyond the BMP).</summary>
    public string Characters { get; }

    public int Count => _symbols.Length;

    /// <summary>Whether every symbol is one UTF-16 char (then <see cref="Characters"/>[i] is symbol i).</summary>
    public bool IsBasicPlane { get; }

    public Rune this[int index] => _symbols[index];

    /// <summary>Symbol <paramref name="index"/> as UTF-16: one or two chars.</summary>
    public ReadOnlySpan<char> Utf16(int index) => _utf16[index];

    /// <summary>The most UTF-16 chars one symbol takes: what a text buffer reserves per cell.</summary>
    public int MaxUtf16Length => IsBasicPlane ? 1 : 2;

    public int IndexOf(Rune symbol) => Array.IndexOf(_symbols, symbol);

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
    public static GlyphSet PrintableAscii { get; } = new(Enumerable.Range(' ', 95).Select(c => new Rune(c)));

    /// <summary>
    /// Every 2×2 quadrant pattern (index = bits: 1 upper left, 2 upper right, 4 lower left, 8 lower right), so the
    /// halves and the full block are among them.
    /// </summary>
    public static GlyphSet Quadrants { get; } = new(Enumerable.Range(0, 16).Select(BlockGeometry.Quadrant));

    /// <summary>
    /// <see cref="Quadrants"/> and the three shades: quadrants alone are all-or-nothing per quarter, so a uniform cell
    /// could only be empty or full; the shades give flat areas the tones between (as <see cref="Ramps.Blocks"/> does).
    /// </summary>
    public static GlyphSet QuadrantsAndShades { get; } = Of([SymbolClass.Quadrants, SymbolClass.Shades]);

    /// <summary>U+2800 + dot bits: all 256 braille patterns, so the glyph index is the dot pattern itself.</summary>
    public static GlyphSet Braille { get; } = new(Enumerable.Range(BrailleBase, 256).Select(c => new Rune(c)));

    /// <summary>The symbols of <paramref name="classes"/>, in the order given, each once.</summary>
    public static GlyphSet Of(IEnumerable<SymbolClass> classes) => new(classes.SelectMany(SymbolsOf).Distinct());

    /// <summary>The characters of <paramref name="options"/>' style.</summary>
    public static GlyphSet For(ConversionOptions options) => options.Style switch
    {
        AsciiStyle.Braille => Braille,
        _ when options.Style.MatchesShapes() => Of(SymbolClasses.For(options)),
        _ => new GlyphSet(RampFor(options)),
    };

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

    private static IEnumerable<Rune> SymbolsOf(SymbolClass symbolClass) => symbolClass switch
    {
        SymbolClass.Ascii => PrintableAscii._symbols,
        SymbolClass.Blocks => new GlyphSet(" █▀▄▌▐▁▂▃▅▆▇▔▏▎▍▋▊▉▕")._symbols,
        SymbolClass.Shades => new GlyphSet("░▒▓")._symbols,
        SymbolClass.Quadrants => Quadrants._symbols,
        SymbolClass.Sextants => Enumerable.Range(0, 64).Select(BlockGeometry.Sextant),
        SymbolClass.Octants => Enumerable.Range(0, 256).Select(BlockGeometry.Octant),
        SymbolClass.Braille => Braille._symbols,
        _ => throw new ArgumentOutOfRangeException(nameof(symbolClass), symbolClass, null),
    };

    private static string Reverse(string text) => string.Concat(text.EnumerateRunes().Reverse());
}
