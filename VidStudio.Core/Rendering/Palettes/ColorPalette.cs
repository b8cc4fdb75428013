using System.Numerics;
using VidStudio.Core.Options;

namespace VidStudio.Core.Rendering.Palettes;

/// <summary>
/// A limited set of colours (2–256) and the choice of the nearest one in OKLab. A frame asks for two colours per cell
/// (about 12,000 at width 120), and neighbouring cells and frames mostly repeat colours, so answers are kept in a small
/// direct-mapped cache; a miss compares with every colour, a vector of colours at a time. Nothing is allocated per
/// lookup. One instance serves one frame at a time (the cache is not shared between threads).
/// </summary>
public sealed class ColorPalette
{
    private const int CacheBits = 12;

    /// <summary>Far from every real colour (squared, still finite), for the lanes past the last colour.</summary>
    private const float Nowhere = 1e18f;

    private readonly RgbColor[] _colors;
    private readonly float[] _l, _a, _b;

    // Key: 0x1RRGGBB (the high bit marks a filled slot); value: the colour's index.
    private readonly uint[] _cacheKeys = new uint[1 << CacheBits];
    private readonly byte[] _cacheIndices = new byte[1 << CacheBits];

    public ColorPalette(IReadOnlyList<RgbColor> colors, TerminalColors terminal)
    {
        if (colors.Count is < ConversionOptions.MinPaletteColors or > ConversionOptions.MaxPaletteColors)
        {
            throw new ArgumentException($"A palette has {ConversionOptions.MinPaletteColors} to {ConversionOptions.MaxPaletteColors} colours.", nameof(colors));
        }

        _colors = colors.ToArray();
        Terminal = terminal;
        var padded = (_colors.Length + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        (_l, _a, _b) = (new float[padded], new float[padded], new float[padded]);
        for (var i = 0; i < padded; i++)
        {
            var lab = i < _colors.Length ? OkLab.FromRgb(_colors[i]) : new OkLab(Nowhere, Nowhere, Nowhere);
            (_l[i], _a[i], _b[i]) = (lab.L, lab.A, lab.B);
        }
    }

    /// <summary>The palette <paramref name="options"/> ask for, or null for <see cref="Palette.Full"/> (every colour as sampled).</summary>
    public static ColorPalette? For(ConversionOptions options) => options.Palette switch
    {
        Palette.Full => null,
        Palette.Custom => new ColorPalette(PaletteColors.Parse(options.PaletteColors!), TerminalColors.TrueColor),
        var name => new ColorPalette(NamedPalettes.ColorsOf(name), NamedPalettes.TerminalColorsOf(name)),
    };

    public IReadOnlyList<RgbColor> Colors => _colors;

    public TerminalColors Terminal { get; }

    /// <summary>The palette colour nearest to <paramref name="color"/>.</summary>
    public RgbColor Nearest(RgbColor color) => _colors[NearestIndex(color)];

    /// <summary>
    /// The index of the palette colour nearest to <paramref name="color"/> in OKLab; of equally near ones, the last:
    /// xterm-256 repeats some of its 16 standard colours, which terminal themes change, in the cube, which they do not.
    /// </summary>
    public int NearestIndex(RgbColor color)
    {
        var key = 0x1000000u | (uint)(color.R << 16 | color.G << 8 | color.B);
        var slot = (int)((key * 2654435761u) >> (32 - CacheBits));
        if (_cacheKeys[slot] == key)
        {
            return _cacheIndices[slot];
        }

        var index = Search(OkLab.FromRgb(color));
        (_cacheKeys[slot], _cacheIndices[slot]) = (key, (byte)index);
        return index;
    }

    /// <summary>
    /// The palette colour nearest to <paramref name="color"/> among those lighter than <paramref name="other"/> (or
    /// darker, when <paramref name="color"/> is darker than it); <paramref name="other"/> itself when there is none.
    /// A glyph and its background that fall on one colour stay apart with it. Not cached: it is asked for only when
    /// two colours fall together.
    /// </summary>
    public RgbColor NearestApartFrom(RgbColor color, RgbColor other)
    {
        var target = OkLab.FromRgb(color);
        var otherLightness = OkLab.FromRgb(other).L;
        var lighter = target.L >= otherLightness;
        var (best, bestDistance) = (other, float.PositiveInfinity);
        for (var i = 0; i < _colors.Length; i++)
        {
            var candidate = new OkLab(_l[i], _a[i], _b[i]);
            var distance = target.DistanceSquaredTo(candidate);
            if ((lighter ? candidate.L > otherLightness : candidate.L < otherLightness) && distance < bestDistance)
            {
                (best, bestDistance) = (_colors[i], distance);
            }
        }

        return best;
    }

    private int Search(OkLab target)
    {
        var width = Vector<float>.Count;
        var (l, a, b) = (new Vector<float>(target.L), new Vector<float>(target.A), new Vector<float>(target.B));
        var best = new Vector<float>(float.PositiveInfinity);
        var bestIndex = Vector<int>.Zero;
        var lane = Vector<int>.Indices;
        for (var i = 0; i < _l.Length; i += width)
        {
            var dl = new Vector<float>(_l, i) - l;
            var da = new Vector<float>(_a, i) - a;
            var db = new Vector<float>(_b, i) - b;
            var distance = dl * dl + da * da + db * db;
            // As near or nearer: each lane keeps the last of equally near colours.
            var nearer = Vector.LessThanOrEqual(distance, best);
            best = Vector.ConditionalSelect(nearer, distance, best);
            bestIndex = Vector.ConditionalSelect(nearer, lane + new Vector<int>(i), bestIndex);
        }

        var (winner, winnerDistance) = (bestIndex[0], best[0]);
        for (var i = 1; i < width; i++)
        {
            if (best[i] < winnerDistance || (best[i] == winnerDistance && bestIndex[i] > winner))
            {
                (winner, winnerDistance) = (bestIndex[i], best[i]);
            }
        }

        return winner;
    }
}
