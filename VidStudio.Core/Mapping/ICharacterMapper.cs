using VidStudio.Core.Frames;

namespace VidStudio.Core.Mapping;

/// <summary>
/// Map stage: turns the toned sample grid (<see cref="Density"/> luma samples per cell) into one glyph index per cell.
/// Implementations keep their tables from construction and allocate nothing per frame.
/// </summary>
public interface ICharacterMapper
{
    GlyphSet Glyphs { get; }

    SampleDensity Density => SampleDensity.Standard;

    /// <param name="frameIndex">The output frame's number: mappers with memory (<see cref="ShapeMapper"/>) schedule by it.</param>
    void Map(ReadOnlySpan<byte> samples, Span<ushort> cells, int frameIndex);
}
