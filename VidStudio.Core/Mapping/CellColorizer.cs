using VidStudio.Core.Frames;
using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping;

/// <summary>
/// <see cref="ColorMode.Cell"/>: once a cell's glyph is chosen, its pixels are split by the glyph's coverage — the
/// glyph takes the coverage-weighted average colour, the background the average of the rest. A glyph that covers
/// (almost) nothing or (almost) everything gives both the cell's mean, so flat cells stay flat.
/// </summary>
public sealed class CellColorizer
{
    /// <summary>Coverage (in samples) below which a side has too few pixels to have a colour of its own.</summary>
    private const float MinWeight = 0.25f;

    private readonly GridGeometry _geometry;
    private readonly GlyphMasks _masks;

    public CellColorizer(GridGeometry geometry, GlyphMasks masks)
    {
        _geometry = geometry;
        _masks = masks;
        Foregrounds = new RgbColor[geometry.CellCount];
        Backgrounds = new RgbColor[geometry.CellCount];
    }

    public RgbColor[] Foregrounds { get; }

    public RgbColor[] Backgrounds { get; }

    public void Colorize(CellSampler sampler, ReadOnlySpan<ushort> cells)
    {
        var density = _masks.Density;
        var sampleWidth = density.Width(_geometry);
        var columns = _geometry.Columns;
        for (var row = 0; row < _geometry.Rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var index = row * columns + column;
                var mask = _masks.Of(cells[index]);
                float gy = 0, gu = 0, gv = 0, gw = 0, ty = 0, tu = 0, tv = 0;
                var first = row * density.Y * sampleWidth + column * density.X;
                for (var dy = 0; dy < density.Y; dy++)
                {
                    var offset = first + dy * sampleWidth;
                    for (var dx = 0; dx < density.X; dx++)
                    {
                        var g = mask[dy * density.X + dx];
                        float y = sampler.RawLuma[offset + dx], u = sampler.ChromaU[offset + dx], v = sampler.ChromaV[offset + dx];
                        (gy, gu, gv, gw) = (gy + g * y, gu + g * u, gv + g * v, gw + g);
                        (ty, tu, tv) = (ty + y, tu + u, tv + v);
                    }
                }

                var n = density.PerCell;
                var background = n - gw;
                var mean = sampler.ToColor(ty / n, tu / n, tv / n);
                Foregrounds[index] = gw < MinWeight || background < MinWeight ? mean : sampler.ToColor(gy / gw, gu / gw, gv / gw);
                Backgrounds[index] = gw < MinWeight || background < MinWeight
                    ? mean
                    : sampler.ToColor((ty - gy) / background, (tu - gu) / background, (tv - gv) / background);
            }
        }
    }
}
