namespace VidStudio.Core.Options;

/// <summary>
/// A family of symbols the shape styles can choose from (parameter <c>symbols</c>). Unicode versions matter for the text
/// outputs only (the raster outputs draw every block as geometry): sextants are Unicode 13 (2020), octants Unicode 16
/// (2024), so a terminal shows them only with a font or renderer that has them.
/// </summary>
public enum SymbolClass
{
    /// <summary>The 95 printable ASCII characters.</summary>
    Ascii,

    /// <summary>Empty, full, the half blocks and the eighth blocks (▁…▇, ▏…▉, ▔, ▕): Unicode 1.1, every terminal font.</summary>
    Blocks,

    /// <summary>The light, medium and dark shades (░▒▓), drawn as even tones: they blend the two colours of a cell.</summary>
    Shades,

    /// <summary>The 16 patterns of 2×2 (▘▝▀▖▌▞▛▗▚▐▜▄▙▟, empty and full): Unicode 1.1.</summary>
    Quadrants,

    /// <summary>The 64 patterns of 2×3 (U+1FB00–1FB3B plus four older blocks): Unicode 13.</summary>
    Sextants,

    /// <summary>The 256 patterns of 2×4 (U+1CD00–1CDE5 plus 26 older blocks): Unicode 16.</summary>
    Octants,

    /// <summary>The 256 braille patterns (U+2800–28FF), drawn as dots.</summary>
    Braille,
}
