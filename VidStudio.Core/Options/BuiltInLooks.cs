namespace VidStudio.Core.Options;

/// <summary>The looks VidStudio ships with: the Studio's and the API's built-in presets, and the benchmark's gallery.</summary>
public static class BuiltInLooks
{
    public static IReadOnlyList<(string Name, ConversionOptions Options)> All { get; } =
    [
        ("Green terminal", new ConversionOptions { Style = AsciiStyle.Normal, TextColor = "#33FF66", BgColor = "#000000", Contrast = 1.2 }),
        ("Amber terminal", new ConversionOptions { Style = AsciiStyle.Gradient, TextColor = "#FFB000", BgColor = "#1A0F00", Contrast = 1.15 }),
        ("Newspaper", new ConversionOptions { Style = AsciiStyle.Inverted, TextColor = "#1A1A1A", BgColor = "#F2EEE3", Gamma = 1.2 }),
        ("Colour mosaic", new ConversionOptions { Style = AsciiStyle.Blocks, ColorMode = ColorMode.Source, Width = 160, BgColor = "#000000" }),
        ("Braille line art", new ConversionOptions { Style = AsciiStyle.Braille, TextColor = "#E8E8FF", BgColor = "#0B0B1A", Width = 160, Contrast = 1.4 }),
        ("Blueprint edges", new ConversionOptions { Style = AsciiStyle.Edges, TextColor = "#CFE8FF", BgColor = "#0A2A5E", Width = 140 }),
        ("Photo ASCII", new ConversionOptions { Style = AsciiStyle.Shape, ColorMode = ColorMode.Cell, Width = 160 }),
        ("Quadrant mosaic", new ConversionOptions { Style = AsciiStyle.ShapeBlocks, ColorMode = ColorMode.Cell, Width = 200, GlyphContrast = 0 }),
        ("Night vision", new ConversionOptions { Style = AsciiStyle.Shape, AutoLevels = true, TextColor = "#7CFF4F", BgColor = "#021002", Width = 140 }),
        ("16-colour terminal", new ConversionOptions { Style = AsciiStyle.Shape, ColorMode = ColorMode.Cell, Palette = Palette.Standard16, Width = 120 }),
        // 160 columns, as the Game Boy's 160-pixel screen; each cell splits between two of its four greens.
        ("Game Boy mosaic", new ConversionOptions { Style = AsciiStyle.Mosaic, ColorMode = ColorMode.Cell, Palette = Palette.Gameboy, Width = 160 }),
        ("PICO-8 blocks", new ConversionOptions { Style = AsciiStyle.ShapeBlocks, ColorMode = ColorMode.Cell, Palette = Palette.Pico8, Width = 128 }),
    ];
}
