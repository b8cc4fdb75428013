using VidStudio.Core.Mapping.Dithering;
using VidStudio.Core.Options;

namespace VidStudio.Core.Rendering.Palettes;

/// <summary>
/// A frame's cell colours to palette colours, cell by cell in grid order, dithered as the job asks. With a screen-fixed
/// pattern (ordered, blue noise) a colour lies between its nearest palette colour and the one across from it (nearest
/// to the colour reflected through the first); the share of the way it lies towards that second one is the share of
/// cells, by their thresholds, that take it — so an area's mean colour is the colour, in the sRGB values the tones are
/// dithered in too. (Moving the colour by the pattern before the nearest choice would not do: the nearest choice is
/// made in OKLab, whose boundaries between two colours do not lie halfway in sRGB, so a mid grey in black and white
/// came out as light as grey 128 from 100.) Diffusion hands each cell's colour error on to the cells after it. One
/// instance per colour plane (glyphs, backgrounds): diffusion keeps that plane's error rows. Nothing is allocated per frame.
/// </summary>
internal sealed class PaletteQuantizer
{
    private readonly ColorPalette _palette;
    private readonly int _columns;
    private readonly Dither _dither;
    private readonly ThresholdMap? _map;

    private readonly ErrorRows? _errors;

    public PaletteQuantizer(ColorPalette palette, Dither dither, int columns)
    {
        (_palette, _dither, _columns) = (palette, dither, columns);
        if (!dither.IsActive)
        {
            return;
        }

        if (dither.Mode == DitherMode.Diffusion)
        {
            _errors = new ErrorRows(columns, 3);
            return;
        }

        _map = dither.Mode == DitherMode.Ordered ? ThresholdMap.Bayer8 : ThresholdMap.BlueNoise64;
    }

    public void Quantize(ReadOnlySpan<RgbColor> sampled, Span<RgbColor> chosen)
    {
        if (_errors is not null)
        {
            Diffuse(sampled, chosen, _errors);
            return;
        }

        for (var index = 0; index < sampled.Length; index++)
        {
            var color = sampled[index];
            var nearest = _palette.Nearest(color);
            if (_map is null || nearest == color)
            {
                chosen[index] = nearest;
                continue;
            }

            var across = _palette.Nearest(new RgbColor(Channel(2 * color.R - nearest.R), Channel(2 * color.G - nearest.G), Channel(2 * color.B - nearest.B)));
            var threshold = _map.At(index % _columns, index / _columns);
            chosen[index] = threshold < _dither.Strength * ShareTowards(color, nearest, across) ? across : nearest;
        }
    }

    /// <summary>How far <paramref name="color"/> lies from <paramref name="from"/> towards <paramref name="to"/>, 0..1, projected onto the line between them.</summary>
    private static double ShareTowards(RgbColor color, RgbColor from, RgbColor to)
    {
        var (dr, dg, db) = (to.R - from.R, to.G - from.G, to.B - from.B);
        var length = dr * dr + dg * dg + db * db;
        return length == 0 ? 0 : Math.Clamp(((color.R - from.R) * dr + (color.G - from.G) * dg + (color.B - from.B) * db) / (double)length, 0, 1);
    }

    private void Diffuse(ReadOnlySpan<RgbColor> sampled, Span<RgbColor> chosen, ErrorRows errors)
    {
        var strength = (float)_dither.Strength;
        errors.Start();
        for (var start = 0; start < sampled.Length; start += _columns)
        {
            for (var column = 0; column < _columns; column++)
            {
                var color = sampled[start + column];
                // Asked-for colours stay within the cube the palette can reach from: an error past it would only grow.
                var (r, g, b) = (Wanted(color.R, errors, column, 0), Wanted(color.G, errors, column, 1), Wanted(color.B, errors, column, 2));
                var nearest = _palette.Nearest(new RgbColor(Channel(r), Channel(g), Channel(b)));
                chosen[start + column] = nearest;
                errors.Spread(column, 0, (r - nearest.R) * strength);
                errors.Spread(column, 1, (g - nearest.G) * strength);
                errors.Spread(column, 2, (b - nearest.B) * strength);
            }

            errors.NextRow();
        }
    }

    private static float Wanted(byte value, ErrorRows errors, int column, int channel) => Math.Clamp(value + errors.Carried(column, channel), 0, 255);

    private static byte Channel(float value) => (byte)Math.Clamp((int)MathF.Round(value), 0, 255);

    private static byte Channel(int value) => (byte)Math.Clamp(value, 0, 255);
}
