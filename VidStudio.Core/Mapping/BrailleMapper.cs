using VidStudio.Core.Frames;

namespace VidStudio.Core.Mapping;

/// <summary>
/// Every sample is one braille dot: it is raised where the sample is brighter than an ordered-dither threshold,
/// so flat grey areas become an even dot pattern instead of all-or-nothing.
/// </summary>
public sealed class BrailleMapper(GridGeometry geometry) : ICharacterMapper
{
    // A 2×4 ordered-dither matrix, thresholds spread evenly over 0..255.
    private static readonly int[,] Threshold = { { 16, 144 }, { 208, 80 }, { 48, 176 }, { 240, 112 } };

    public GlyphSet Glyphs => GlyphSet.Braille;

    public void Map(ReadOnlySpan<byte> samples, Span<ushort> cells, int frameIndex)
    {
        var sampleWidth = geometry.SampleWidth;
        for (var row = 0; row < geometry.Rows; row++)
        {
            for (var column = 0; column < geometry.Columns; column++)
            {
                var bits = 0;
                var offset = row * GridGeometry.SamplesPerCellY * sampleWidth + column * GridGeometry.SamplesPerCellX;
                for (var dy = 0; dy < GridGeometry.SamplesPerCellY; dy++, offset += sampleWidth)
                {
                    if (samples[offset] > Threshold[dy, 0]) bits |= BrailleDots.Bit(dy, 0);
                    if (samples[offset + 1] > Threshold[dy, 1]) bits |= BrailleDots.Bit(dy, 1);
                }

                cells[row * geometry.Columns + column] = (ushort)bits;
            }
        }
    }
}
