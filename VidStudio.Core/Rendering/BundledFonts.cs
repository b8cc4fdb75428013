using VidStudio.Core.Options;

namespace VidStudio.Core.Rendering;

/// <summary>A monospace font from a Debian package that scripts/install-deps.sh installs, offered to every user by name.</summary>
public sealed record BundledFont(string Name, string Family, string Path, string DebianPackage);

/// <summary>
/// The fonts every installation offers. Which cover what (fc-query's charset): DejaVu Sans Mono and Noto Sans Mono have
/// all 32 block elements, Liberation Mono 8 of them; none has braille, sextants or octants — the renderer draws those,
/// blocks and shades as geometry anyway, and takes other missing glyphs from DejaVu Sans (<see cref="FontSet.Fallback"/>).
/// </summary>
public static class BundledFonts
{
    public static IReadOnlyList<BundledFont> All { get; } =
    [
        new(ConversionOptions.DefaultFont, "DejaVu Sans Mono", FontSet.DefaultMonoPath, "fonts-dejavu-core"),
        new("liberation-mono", "Liberation Mono", "/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf", "fonts-liberation2"),
        new("noto-sans-mono", "Noto Sans Mono", "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf", "fonts-noto-mono"),
    ];

    public static BundledFont? Find(string name) => All.FirstOrDefault(font => string.Equals(font.Name, name, StringComparison.OrdinalIgnoreCase));
}
