using VidStudio.Core.Options;

namespace VidStudio.Bench;

/// <summary>
/// The looks that show what dither does, for <c>quality --dither</c> and <c>gallery --dither</c>: ramp styles without
/// dither and with each mode at full strength (also in source colours on the 16-colour palette, where colours are
/// dithered too), then the strengths below full of <c>normal</c> in fixed colours. Their
/// names start with "dither", so <c>--look dither</c> runs them alone.
/// </summary>
internal static class DitherLooks
{
    private const int Columns = 120;

    private static readonly (AsciiStyle Style, ColorMode ColorMode, Palette Palette)[] Bases =
    [
        (AsciiStyle.Normal, ColorMode.Fixed, Palette.Full), (AsciiStyle.Blocks, ColorMode.Fixed, Palette.Full),
        (AsciiStyle.Normal, ColorMode.Source, Palette.Full), (AsciiStyle.Blocks, ColorMode.Source, Palette.Standard16),
    ];

    public static IEnumerable<(string Name, ConversionOptions Options)> Modes =>
        from look in Bases
        from mode in Enum.GetValues<DitherMode>()
        select Look(look.Style, look.ColorMode, mode, ConversionOptions.DefaultDitherStrength, look.Palette);

    public static IEnumerable<(string Name, ConversionOptions Options)> Strengths =>
        from mode in Enum.GetValues<DitherMode>().Where(mode => mode != DitherMode.None)
        from strength in new[] { 0.25, 0.5, 0.75 }
        select Look(AsciiStyle.Normal, ColorMode.Fixed, mode, strength, Palette.Full);

    private static (string Name, ConversionOptions Options) Look(AsciiStyle style, ColorMode colorMode, DitherMode mode, double strength, Palette palette) =>
        ($"dither {ApiNames.Of(mode)}{(strength < 1 ? $" {strength:0.00}" : "")}: {ApiNames.Of(style)}, {ApiNames.Of(colorMode)}{(palette == Palette.Full ? "" : $", palette {ApiNames.Of(palette)}")}",
            new ConversionOptions
            {
                Style = style, ColorMode = colorMode, Dither = mode, DitherStrength = strength, Palette = palette, Width = Columns, TextColor = "#FFFFFF", BgColor = "#000000",
            });
}
