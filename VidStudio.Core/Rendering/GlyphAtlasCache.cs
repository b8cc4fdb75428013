using System.Collections.Concurrent;
using VidStudio.Core.Mapping;

namespace VidStudio.Core.Rendering;

/// <summary>
/// Keeps rasterised atlases for callers that render many single frames (the preview): rasterising 256 braille
/// glyphs costs more than rendering the frame. A bounded number of entries; <see cref="None"/> caches nothing.
/// </summary>
public sealed class GlyphAtlasCache(int capacity)
{
    public static GlyphAtlasCache None { get; } = new(0);

    // Keyed by the font object: the same file loaded twice makes two entries, which costs a rasterisation, never a wrong glyph.
    private readonly ConcurrentDictionary<(FontSet Font, string Glyphs, int Width, int Height, bool StippledShades), GlyphAtlas> _atlases = new();

    public GlyphAtlas Get(FontSet fonts, GlyphSet glyphs, int tileWidth, int tileHeight, bool stippledShades)
    {
        if (capacity == 0)
        {
            return new GlyphAtlas(fonts, glyphs, tileWidth, tileHeight, stippledShades);
        }

        var key = (fonts, glyphs.Characters, tileWidth, tileHeight, stippledShades);
        if (_atlases.TryGetValue(key, out var atlas))
        {
            return atlas;
        }

        if (_atlases.Count >= capacity)
        {
            _atlases.Clear();
        }

        return _atlases.GetOrAdd(key, _ => new GlyphAtlas(fonts, glyphs, tileWidth, tileHeight, stippledShades));
    }
}
