using VidStudio.Core.Frames;

namespace VidStudio.Core.Mapping;

/// <summary>
/// Each glyph's coverage at a <see cref="SampleDensity"/> (area averages of its rendered tile, 0..1), in the order the
/// sample grid is read: what shape matching compares cells against, and what splits a cell's pixels into the glyph's
/// and the background's for <see cref="Options.ColorMode.Cell"/>. Built once per job from the glyph atlas, so the
/// matcher sees exactly the shapes the frames will show.
/// </summary>
public sealed class GlyphMasks
{
    private readonly float[] _coverage;

    /// <param name="tiles">The atlas: <paramref name="glyphCount"/> tiles of <paramref name="tileWidth"/> × <paramref name="tileHeight"/> bytes.</param>
    public GlyphMasks(int glyphCount, ReadOnlySpan<byte> tiles, int tileWidth, int tileHeight, SampleDensity density)
    {
        Count = glyphCount;
        Density = density;
        _coverage = new float[glyphCount * density.PerCell];
        var horizontal = new AreaResampler(tileWidth, density.X);
        var vertical = new AreaResampler(tileHeight, density.Y);
        var scratch = new float[AreaResampler.ScratchLength(horizontal, vertical)];
        Span<byte> cell = stackalloc byte[density.PerCell];
        var tileLength = tileWidth * tileHeight;
        for (var glyph = 0; glyph < glyphCount; glyph++)
        {
            AreaResampler.Resample(tiles.Slice(glyph * tileLength, tileLength), tileWidth, horizontal, vertical, scratch, cell);
            for (var i = 0; i < cell.Length; i++)
            {
                _coverage[glyph * density.PerCell + i] = cell[i] / 255f;
            }
        }
    }

    public int Count { get; }

    public SampleDensity Density { get; }

    /// <summary>Coverage of <paramref name="glyph"/> at each of the cell's samples, row by row.</summary>
    public ReadOnlySpan<float> Of(int glyph) => _coverage.AsSpan(glyph * Density.PerCell, Density.PerCell);
}
