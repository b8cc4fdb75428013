using System.Text.Json.Serialization;

namespace VidStudio.Core.Options;

/// <summary>The colours a frame may use: every colour as sampled, a terminal's, a retro machine's, or a list of one's own.</summary>
public enum Palette
{
    /// <summary>Every colour as sampled or given (truecolour).</summary>
    Full,

    /// <summary>xterm-256: the 16 standard colours, the 6×6×6 cube and 24 greys; ANSI text writes their numbers.</summary>
    [JsonStringEnumMemberName("256")]
    Xterm256,

    /// <summary>The 16 standard terminal colours (xterm's values).</summary>
    [JsonStringEnumMemberName("16")]
    Standard16,

    /// <summary>The 8 standard terminal colours without their bright forms.</summary>
    [JsonStringEnumMemberName("8")]
    Standard8,

    /// <summary>Black and white.</summary>
    [JsonStringEnumMemberName("2")]
    BlackAndWhite,

    /// <summary>CGA's four-colour mode: black, cyan, magenta, white.</summary>
    Cga,

    /// <summary>The Commodore 64's 16 colours.</summary>
    C64,

    /// <summary>The original Game Boy's four greens.</summary>
    Gameboy,

    /// <summary>The ZX Spectrum's 15 colours.</summary>
    Zx,

    /// <summary>PICO-8's 16 colours.</summary>
    Pico8,

    /// <summary>The colours listed in <see cref="ConversionOptions.PaletteColors"/>.</summary>
    Custom,
}
