using VidStudio.Core.Options;

namespace VidStudio.Core.Rendering.Palettes;

/// <summary>
/// The colours of each named <see cref="Palette"/>, with their published values. Terminal palettes keep xterm's
/// order, so a colour's index is its terminal number.
/// </summary>
public static class NamedPalettes
{
    /// <summary>xterm's default 16 colours: the 8 standard ones (SGR 30–37) then their bright forms (90–97).</summary>
    public static IReadOnlyList<RgbColor> Standard16 { get; } = Hex(
        "000000", "CD0000", "00CD00", "CDCD00", "0000EE", "CD00CD", "00CDCD", "E5E5E5",
        "7F7F7F", "FF0000", "00FF00", "FFFF00", "5C5CFF", "FF00FF", "00FFFF", "FFFFFF");

    /// <summary>xterm-256: the 16 standard colours, the 6×6×6 cube (levels 0, 95, 135 … 255) and 24 greys (8, 18 … 238).</summary>
    public static IReadOnlyList<RgbColor> Xterm256 { get; } =
    [
        .. Standard16,
        .. from r in CubeLevels() from g in CubeLevels() from b in CubeLevels() select new RgbColor(r, g, b),
        .. Enumerable.Range(0, 24).Select(i => (byte)(8 + 10 * i)).Select(grey => new RgbColor(grey, grey, grey)),
    ];

    /// <summary>The colours of <paramref name="name"/> (built in; <see cref="Palette.Full"/> and <see cref="Palette.Custom"/> have none here).</summary>
    public static IReadOnlyList<RgbColor> ColorsOf(Palette name) => name switch
    {
        Palette.Xterm256 => Xterm256,
        Palette.Standard16 => Standard16,
        Palette.Standard8 => Standard16.Take(8).ToArray(),
        Palette.BlackAndWhite => Hex("000000", "FFFFFF"),
        // Mode 4, palette 1, high intensity: the four-colour look most CGA games have.
        Palette.Cga => Hex("000000", "55FFFF", "FF55FF", "FFFFFF"),
        // Philip "Pepto" Timmermann's measured VIC-II colours (2001), the values emulators default to.
        Palette.C64 => Hex(
            "000000", "FFFFFF", "68372B", "70A4B2", "6F3D86", "588D43", "352879", "B8C76F",
            "6F4F25", "433900", "9A6759", "444444", "6C6C6C", "9AD284", "6C5EB5", "959595"),
        // The original Game Boy's (DMG) four greens, darkest first.
        Palette.Gameboy => Hex("0F380F", "306230", "8BAC0F", "9BBC0F"),
        // The Spectrum's 15 colours: 8 at 0xD7 and their BRIGHT forms at 0xFF (black has no bright form).
        Palette.Zx => Hex(
            "000000", "0000D7", "D70000", "D700D7", "00D700", "00D7D7", "D7D700", "D7D7D7",
            "0000FF", "FF0000", "FF00FF", "00FF00", "00FFFF", "FFFF00", "FFFFFF"),
        Palette.Pico8 => Hex(
            "000000", "1D2B53", "7E2553", "008751", "AB5236", "5F574F", "C2C3C7", "FFF1E8",
            "FF004D", "FFA300", "FFEC27", "00E436", "29ADFF", "83769C", "FF77A8", "FFCCAA"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a built-in palette."),
    };

    /// <summary>How ANSI text writes the colours of <paramref name="name"/>: by terminal number where they are the terminal's own.</summary>
    public static TerminalColors TerminalColorsOf(Palette name) => name switch
    {
        Palette.Xterm256 => TerminalColors.Indexed256,
        Palette.Standard16 or Palette.Standard8 => TerminalColors.Standard16,
        _ => TerminalColors.TrueColor,
    };

    private static IEnumerable<byte> CubeLevels() => [0, 95, 135, 175, 215, 255];

    private static RgbColor[] Hex(params string[] colors) => colors.Select(hex => RgbColor.Parse("#" + hex)).ToArray();
}
