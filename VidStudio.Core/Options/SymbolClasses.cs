namespace VidStudio.Core.Options;

/// <summary>The <c>symbols</c> parameter: a comma list of <see cref="SymbolClass"/> names, and each shape style's default.</summary>
public static class SymbolClasses
{
    /// <summary>
    /// What a shape style chooses from unless <c>symbols</c> says otherwise. Mosaic's default was measured with the
    /// benchmark (<c>quality --look mosaic --symbols-sweep</c>, see the README): octants hold every 2×4 pattern (so the
    /// halves and quadrants too), the eighth blocks add edges finer than a quarter of the cell, and the shades give flat
    /// mid-tones a flat glyph. Without shades every all-or-nothing pattern with half its area inked fits a flat grey
    /// equally well, so flat areas became arbitrary patterns: detail on real footage fell from 0.90–0.93 to 0.73–0.77.
    /// </summary>
    public static IReadOnlyList<SymbolClass> DefaultFor(AsciiStyle style) => style switch
    {
        AsciiStyle.Shape => [SymbolClass.Ascii],
        AsciiStyle.ShapeBlocks => [SymbolClass.Quadrants, SymbolClass.Shades],
        AsciiStyle.Mosaic => [SymbolClass.Octants, SymbolClass.Blocks, SymbolClass.Shades],
        _ => [],
    };

    /// <summary>The classes <paramref name="options"/> asks for: its <c>symbols</c>, or its style's default.</summary>
    public static IReadOnlyList<SymbolClass> For(ConversionOptions options) =>
        string.IsNullOrWhiteSpace(options.Symbols) ? DefaultFor(options.Style) : Parse(options.Symbols);

    /// <summary>The classes of a comma list such as <c>sextants,quadrants</c>; throws on a name <see cref="Check"/> refuses.</summary>
    public static IReadOnlyList<SymbolClass> Parse(string text) =>
        Names(text).Select(name => ApiNames.TryParse<SymbolClass>(name, out var symbolClass)
            ? symbolClass
            : throw new ArgumentException(Check(text), nameof(text))).Distinct().ToArray();

    /// <summary>The error for a bad list, naming the field and the names it takes; null when every name is a class.</summary>
    public static string? Check(string text)
    {
        var names = Names(text);
        var unknown = names.Where(name => !ApiNames.TryParse<SymbolClass>(name, out _)).ToArray();
        var known = string.Join(", ", ApiNames.All<SymbolClass>());
        return unknown.Length > 0
            ? $"symbols: {string.Join(", ", unknown.Select(name => $"'{name}'"))} {(unknown.Length == 1 ? "is not a symbol class" : "are not symbol classes")}; give a comma list of {known}."
            : names.Length == 0 ? $"symbols must name at least one of {known}." : null;
    }

    private static string[] Names(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
