using O = VidStudio.Core.Options.ConversionOptions;

namespace VidStudio.Core.Options;

/// <summary>The text form of a custom palette, <c>#RRGGBB,#RRGGBB,...</c>: reading it and naming what is wrong with it.</summary>
public static class PaletteColors
{
    /// <summary>The colours of <paramref name="text"/>, which <see cref="Check"/> accepted.</summary>
    public static RgbColor[] Parse(string text) => Entries(text).Select(RgbColor.Parse).ToArray();

    /// <summary>What is wrong with <paramref name="text"/> as a list of <see cref="O.MinPaletteColors"/>–<see cref="O.MaxPaletteColors"/> colours, or null.</summary>
    public static string? Check(string text)
    {
        var entries = Entries(text);
        if (entries.FirstOrDefault(entry => !RgbColor.TryParse(entry, out _)) is { } bad)
        {
            return $"{O.FieldNames.PaletteColors} must list colours written #RRGGBB, separated by commas (got '{bad}').";
        }

        return entries.Length switch
        {
            < O.MinPaletteColors => $"{O.FieldNames.PaletteColors} needs at least {O.MinPaletteColors} colours (got {entries.Length}).",
            > O.MaxPaletteColors => $"{O.FieldNames.PaletteColors} may list at most {O.MaxPaletteColors} colours (got {entries.Length}).",
            _ => null,
        };
    }

    private static string[] Entries(string text) => text.Split(',', StringSplitOptions.TrimEntries);
}
