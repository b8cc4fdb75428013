using VidStudio.Core.Rendering;

namespace VidStudio.Core.Output.Gif;

/// <summary>
/// The GIF palette of frames whose colours are known before the first one: fixed colours, where every pixel is a blend
/// of the background and the text colour (<see cref="PixelConverter.TryBuildPalette"/>), and so is every average the
/// scaling to the GIF's width makes of them. Laid out as <c>palettegen</c> writes one: 256 RGBA entries, unused ones
/// opaque black, the last one the transparent entry.
/// </summary>
public static class GifPalette
{
    public const int Entries = 256;

    /// <summary>Colours left beside the transparent entry.</summary>
    private const int Colors = Entries - 1;

    /// <summary>The palette of <paramref name="palette"/>'s frames (RGBA8888 entries), or null when their colours change from frame to frame.</summary>
    public static uint[]? For(FramePalette palette)
    {
        Span<uint> blends = stackalloc uint[256];
        if (!palette.ColorsAreConstant || !PixelConverter.TryBuildPalette(palette, blends))
        {
            return null;
        }

        // 256 blend levels, one too many beside the transparent entry: one level is left out, so its pixels are one
        // level (1/255 of the way from background to text colour) from their palette colour. With a transparent
        // background the levels differ only in alpha, so they are one opaque colour beside the transparent entry.
        var opaque = new List<uint>(Colors);
        for (var level = 0; level < Colors; level++)
        {
            var color = blends[(level * 255 + Colors / 2) / (Colors - 1)] | 0xFF000000;
            if (!opaque.Contains(color))
            {
                opaque.Add(color);
            }
        }

        var entries = new uint[Entries];
        Array.Fill(entries, 0xFF000000);
        opaque.CopyTo(entries);
        entries[^1] = 0x0000FF00;
        return entries;
    }
}
