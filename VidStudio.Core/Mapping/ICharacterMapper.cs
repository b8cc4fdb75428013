using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping;

/// <summary>
/// Map stage: turns the toned sample grid (2×4 luma samples per cell) into one glyph index per cell.
/// Implementations keep their tables from construction and allocate nothing per frame.
/// </summary>
public interface ICharacterMapper
{
    GlyphSet Glyphs { get; }

    void Map(ReadOnlySpan<byte> samples, Span<ushort> cells);
}
