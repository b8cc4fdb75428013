using VidStudio.Core.Frames;
using VidStudio.Core.Mapping.Dithering;

namespace VidStudio.Core.Mapping;

/// <summary>Each cell's mean brightness picks a character from a dark → light ramp (dithered between neighbours when asked).</summary>
public sealed class RampMapper : ICharacterMapper
{
    private readonly GridGeometry _geometry;
    private readonly ToneQuantizer _quantizer;
    private readonly byte[] _tones;

    public RampMapper(GridGeometry geometry, string ramp, Dither dither = default)
    {
        _geometry = geometry;
        Glyphs = new GlyphSet(ramp);
        _quantizer = ToneQuantizer.Create(dither, Glyphs.Count, geometry.Columns, geometry.Rows);
        _tones = new byte[geometry.CellCount];
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

                _tones[row * columns + column] = (byte)((sum + 4) >> 3);
            }
        }

        _quantizer.Quantize(_tones, cells);
    }
}
