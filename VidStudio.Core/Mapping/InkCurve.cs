namespace VidStudio.Core.Mapping;

/// <summary>
/// How far towards the set's reach a tone can push the shape targets before it runs out of glyphs: a cell of uniform
/// tone t (0..1) should get a glyph whose ink is about t × the set's densest ink. A uniform target <c>c · reach</c>
/// (reach = the largest ink any glyph has at each sample position) scores linearly in c for every glyph, so as c grows
/// the winner climbs from the space to the densest glyph, each winner holding an interval of c; its anchor is (its ink ÷
/// the densest ink, the interval's middle), and tones between anchors interpolate. Printable ASCII reaches its densest
/// glyph at about c = 0.6, so a linear mapping made every tone above ~80% that one glyph (a bright sky and the lit
/// trees in front of it one texture); capped by this curve, the brightest tones keep their order up to white.
/// </summary>
internal sealed class InkCurve
{
    /// <summary>Steps of c scanned over 0..1: finer than any hull interval of a real glyph set.</summary>
    private const int Steps = 2048;

    private readonly (double Tone, double Scale)[] _anchors;

    /// <param name="score">The matcher's score of a glyph for a cell whose targets have this dot product with the glyph.</param>
    public InkCurve(GlyphMasks masks, ReadOnlySpan<float> reach, Func<int, double, double> score)
    {
        var n = masks.Density.PerCell;
        var (dot, ink) = (new double[masks.Count], new double[masks.Count]);
        for (var glyph = 0; glyph < masks.Count; glyph++)
        {
            var mask = masks.Of(glyph);
            for (var i = 0; i < n; i++)
            {
                dot[glyph] += reach[i] * mask[i];
                ink[glyph] += mask[i] / n;
            }
        }

        // The winner at each c, and the c-interval each winner holds.
        var intervals = new List<(int Glyph, double From, double To)>();
        for (var step = 0; step <= Steps; step++)
        {
            var c = (double)step / Steps;
            var best = 0;
            for (var glyph = 1; glyph < masks.Count; glyph++)
            {
                if (score(glyph, c * dot[glyph]) > score(best, c * dot[best]))
                {
                    best = glyph;
                }
            }

            if (intervals.Count > 0 && intervals[^1].Glyph == best)
            {
                intervals[^1] = intervals[^1] with { To = c };
            }
            else
            {
                intervals.Add((best, c, c));
            }
        }

        var densest = intervals.Max(interval => ink[interval.Glyph]);
        var anchors = new List<(double Tone, double Scale)> { (0, 0) };
        foreach (var (glyph, from, to) in intervals.Skip(1))
        {
            // Only glyphs with more ink than the last anchor's keep the curve rising.
            var tone = densest > 0 ? ink[glyph] / densest : 0;
            if (tone > anchors[^1].Tone)
            {
                anchors.Add((tone, (from + to) / 2));
            }
        }

        if (anchors[^1].Tone < 1)
        {
            anchors.Add((1, 1));
        }

        _anchors = [.. anchors];
    }

    /// <summary>The share of the reach (0..1) that tone <paramref name="tone"/> (0..1) targets.</summary>
    public double ScaleOf(double tone)
    {
        var upper = 1;
        while (upper < _anchors.Length - 1 && _anchors[upper].Tone < tone)
        {
            upper++;
        }

        var (low, high) = (_anchors[upper - 1], _anchors[upper]);
        var share = Math.Clamp((tone - low.Tone) / (high.Tone - low.Tone), 0, 1);
        return low.Scale + share * (high.Scale - low.Scale);
    }
}
