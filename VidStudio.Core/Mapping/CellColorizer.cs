using VidStudio.Core.Frames;
using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping;

/// <summary>
/// <see cref="ColorMode.Cell"/>: once a cell's glyph is chosen, its pixels are split by the glyph's coverage — the
/// glyph takes the coverage-weighted average colour, the background the average of the rest. A glyph that covers
/// (almost) nothing or (almost) everything gives both the cell's mean. Then, so the glyph stays visible, the two are
/// pushed apart in brightness until they differ by at least the minimum contrast, each moved by the other's share of the
/// cell so the cell's average brightness (what the picture looks like from a distance) does not change.
/// </summary>
public sealed class CellColorizer
{
    /// <summary>Coverage (in samples) below which a side has too few pixels to have a colour of its own.</summary>
    private const float MinWeight = 0.25f;

    private readonly GridGeometry _geometry;
    private readonly GlyphMasks _lumaMasks, _chromaMasks;
    private readonly float _minimumContrast;

    /// <param name="lumaMasks">The glyphs at the mapper's density, where luma is sampled.</param>
    /// <param name="chromaMasks">The same glyphs at <see cref="SampleDensity.Standard"/>, where chroma is sampled.</param>
    /// <param name="minimumContrast">Least luma difference between glyph and background, 0..1 of the range (<see cref="ConversionOptions.GlyphContrast"/>).</param>
    public CellColorizer(GridGeometry geometry, GlyphMasks lumaMasks, GlyphMasks chromaMasks, double minimumContrast)
    {
        if (chromaMasks.Density != SampleDensity.Standard)
        {
            throw new ArgumentException("Chroma is sampled at the standard density.", nameof(chromaMasks));
        }

        _geometry = geometry;
        (_lumaMasks, _chromaMasks) = (lumaMasks, chromaMasks);
        _minimumContrast = (float)(minimumContrast * 255);
        Foregrounds = new RgbColor[geometry.CellCount];
        Backgrounds = new RgbColor[geometry.CellCount];
        GlyphShares = new float[geometry.CellCount];
    }

    public RgbColor[] Foregrounds { get; }

    public RgbColor[] Backgrounds { get; }

    /// <summary>The share of each cell its glyph covers, 0..1.</summary>
    public float[] GlyphShares { get; }

    public void Colorize(CellSampler sampler, ReadOnlySpan<ushort> cells)
    {
        var columns = _geometry.Columns;
        for (var row = 0; row < _geometry.Rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var index = row * columns + column;
                var glyph = cells[index];
                var (glyphY, glyphShareY, allY) = Split(sampler.RawLuma, _lumaMasks, glyph, row, column);
                var (glyphU, glyphShareC, allU) = Split(sampler.ChromaU, _chromaMasks, glyph, row, column);
                var (glyphV, _, allV) = Split(sampler.ChromaV, _chromaMasks, glyph, row, column);
                var (foregroundY, backgroundY, foregroundU, foregroundV, backgroundU, backgroundV) = (allY, allY, allU, allV, allU, allV);
                var split = glyphShareY * _lumaMasks.Density.PerCell >= MinWeight && (1 - glyphShareY) * _lumaMasks.Density.PerCell >= MinWeight;
                if (split)
                {
                    (foregroundY, backgroundY) = (glyphY, Rest(allY, glyphY, glyphShareY));
                    (foregroundU, foregroundV) = glyphShareC > 0 ? (glyphU, glyphV) : (allU, allV);
                    (backgroundU, backgroundV) = (RestOrMean(allU, glyphU, glyphShareC), RestOrMean(allV, glyphV, glyphShareC));
                }

                if (glyphShareY > 0)
                {
                    (foregroundY, backgroundY) = Separate(foregroundY, backgroundY, glyphShareY);
                }

                GlyphShares[index] = glyphShareY;
                Foregrounds[index] = sampler.ToColor(foregroundY, foregroundU, foregroundV);
                Backgrounds[index] = sampler.ToColor(backgroundY, backgroundU, backgroundV);
            }
        }
    }

    /// <summary>
    /// Pushes the glyph's and the background's luma (video range, 16–235) apart to the minimum contrast around their
    /// coverage-weighted mean, which stays put: the glyph, covering <paramref name="share"/> of the cell, moves by
    /// (1 − share) of the gap it lacks, the background by share. The brighter side stays the brighter; a flat cell's glyph
    /// goes bright on dark cells and dark on bright ones. Near black or white the pair shifts back inside the range.
    /// </summary>
    private (float Glyph, float Background) Separate(float glyph, float background, float share)
    {
        const float black = 16, white = 235;
        var needed = _minimumContrast * (white - black) / 255;
        var gap = glyph - background;
        if (Math.Abs(gap) >= needed)
        {
            return (glyph, background);
        }

        var mean = share * glyph + (1 - share) * background;
        var sign = gap != 0 ? Math.Sign(gap) : mean < (black + white) / 2 ? 1 : -1;
        var (newGlyph, newBackground) = (mean + sign * (1 - share) * needed, mean - sign * share * needed);
        var overflow = Math.Max(Math.Max(newGlyph, newBackground) - white, 0) - Math.Max(black - Math.Min(newGlyph, newBackground), 0);
        return (newGlyph - overflow, newBackground - overflow);
    }

    /// <summary>The coverage-weighted mean of a cell's samples, the share of the cell the glyph covers, and the plain mean.</summary>
    private (float Glyph, float Share, float All) Split(byte[] plane, GlyphMasks masks, int glyph, int row, int column)
    {
        var density = masks.Density;
        var mask = masks.Of(glyph);
        var width = density.Width(_geometry);
        var first = row * density.Y * width + column * density.X;
        float weighted = 0, weight = 0, sum = 0;
        for (var dy = 0; dy < density.Y; dy++)
        {
            var line = plane.AsSpan(first + dy * width, density.X);
            var coverage = mask.Slice(dy * density.X, density.X);
            for (var dx = 0; dx < line.Length; dx++)
            {
                weighted += coverage[dx] * line[dx];
                weight += coverage[dx];
                sum += line[dx];
            }
        }

        var n = density.PerCell;
        return (weight > 0 ? weighted / weight : sum / n, weight / n, sum / n);
    }

    /// <summary>The mean of the samples the glyph does not cover, from the whole mean, the glyph's mean and its share.</summary>
    private static float Rest(float all, float glyph, float share) => (all - glyph * share) / (1 - share);

    private static float RestOrMean(float all, float glyph, float share) => share is > 0 and < 1 ? Rest(all, glyph, share) : all;
}
