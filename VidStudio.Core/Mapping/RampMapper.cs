using VidStudio.Core.Frames;

namespace VidStudio.Core.Mapping;

/// <summary>Each cell's mean brightness picks a character from a dark → light ramp.</summary>
public sealed class RampMapper : ICharacterMapper
{
    private readonly GridGeometry _geometry;
    private readonly ushort[] _indexOfBrightness;

    public RampMapper(GridGeometry geometry, string ramp)
    {
        _geometry = geometry;
        Glyphs = new GlyphSet(ramp);
        _indexOfBrightness = BrightnessIndex.ForRamp(ramp.Length);
    }

    public GlyphSet Glyphs { get; }

    public void Map(ReadOnlySpan<byte> samples, Span<ushort> cells, int frameIndex)
    {
        var sampleWidth = _geometry.SampleWidth;
        var columns = _geometry.Columns;
        for (var row = 0; row < _geometry.Rows; row++)
        {
            var top = row * GridGeometry.SamplesPerCellY * sampleWidth;
            for (var column = 0; column < columns; column++)
            {
                var sum = 0;
                var offset = top + column * GridGeometry.SamplesPerCellX;
                for (var dy = 0; dy < GridGeometry.SamplesPerCellY; dy++, offset += sampleWidth)
                {
                    sum += samples[offset] + samples[offset + 1];
                }

                cells[row * columns + column] = _indexOfBrightness[(sum + 4) >> 3];
            }
        }
    }
}
