using VidStudio.Core.Mapping.Dithering;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering.Palettes;

namespace VidStudio.Core.Rendering;

/// <summary>
/// The colours one frame is painted with: a background, and a text colour per frame or per cell — each taken to the
/// nearest colour of the job's <see cref="ConversionOptions.Palette"/>, so every output shows palette colours only;
/// cell colours dithered by the job's <see cref="ConversionOptions.Dither"/>.
/// </summary>
public sealed class FramePalette
{
    private readonly ConversionOptions _options;
    private readonly PaletteQuantizer? _glyphQuantizer, _backgroundQuantizer;
    private RgbColor[] _chosenColors = [], _chosenBackgrounds = [];

    /// <param name="columns">Cells per row of the frames' grid.</param>
    public FramePalette(ConversionOptions options, int columns)
    {
        _options = options;
        Colors = ColorPalette.For(options);
        if (Colors is not null)
        {
            (_glyphQuantizer, _backgroundQuantizer) = (new(Colors, Dither.For(options), columns), new(Colors, Dither.For(options), columns));
        }

        Background = Choose(options.Background);
        Foreground = Choose(options.Foreground);
    }

    /// <summary>The colours frames may use; null when any colour may (<see cref="Palette.Full"/>).</summary>
    public ColorPalette? Colors { get; }

    public RgbColor Background { get; }

    /// <summary>The text colour of the current frame (fixed mode).</summary>
    public RgbColor Foreground { get; private set; }

    /// <summary>Each cell's text colour (source and cell modes); null in fixed mode.</summary>
    public RgbColor[]? CellColors { get; private set; }

    /// <summary>Each cell's background colour (cell mode); null when every cell has <see cref="Background"/>.</summary>
    public RgbColor[]? CellBackgrounds { get; private set; }

    /// <summary>Whether every frame has the same background and text colour, known before the first (fixed mode without random colours).</summary>
    public bool ColorsAreConstant => _options.ColorMode == ColorMode.Fixed && !_options.RandomColors;

    /// <summary>PNG frames leave the background transparent.</summary>
    public bool TransparentBackground => _options.TransparentBg;

    /// <summary>Sets the colours of frame <paramref name="frameIndex"/>.</summary>
    /// <param name="glyphShares">Cell colours: the share of each cell its glyph covers (which side may change colour to stay visible).</param>
    public void ForFrame(int frameIndex, RgbColor[]? sampledCellColors, RgbColor[]? sampledCellBackgrounds = null, float[]? glyphShares = null)
    {
        CellColors = _options.ColorMode is ColorMode.Source or ColorMode.Cell ? ChooseCells(sampledCellColors, _glyphQuantizer, ref _chosenColors) : null;
        CellBackgrounds = _options.ColorMode == ColorMode.Cell ? ChooseCells(sampledCellBackgrounds, _backgroundQuantizer, ref _chosenBackgrounds) : null;
        if (Colors is not null && CellColors is not null && CellBackgrounds is not null && glyphShares is not null && _options.GlyphContrast > 0)
        {
            KeepGlyphsApart(Colors, sampledCellColors!, sampledCellBackgrounds!, glyphShares, CellColors, CellBackgrounds);
        }
        if (_options.RandomColors)
        {
            Foreground = Choose(RandomTextColor(_options.Seed, frameIndex));
        }
    }

    private RgbColor Choose(RgbColor color) => Colors?.Nearest(color) ?? color;

    /// <summary>The sampled colours themselves in full colour; else their palette colours, in a buffer kept for the next frame.</summary>
    private static RgbColor[]? ChooseCells(RgbColor[]? sampled, PaletteQuantizer? quantizer, ref RgbColor[] chosen)
    {
        if (quantizer is null || sampled is null)
        {
            return sampled;
        }

        if (chosen.Length != sampled.Length)
        {
            chosen = new RgbColor[sampled.Length];
        }

        quantizer.Quantize(sampled, chosen);
        return chosen;
    }

    /// <summary>
    /// Cell colours were set apart by <see cref="ConversionOptions.GlyphContrast"/>; where the glyph's and the
    /// background's palette colours are one colour the glyph would vanish. Then the smaller side of the cell (usually
    /// the glyph; the background behind a glyph that fills most of it) takes its nearest palette colour beyond the
    /// other's, lighter or darker as it was: the larger side, which the picture is made of, keeps its colour.
    /// </summary>
    private static void KeepGlyphsApart(
        ColorPalette palette, RgbColor[] sampledGlyphs, RgbColor[] sampledBackgrounds, float[] glyphShares, RgbColor[] glyphs, RgbColor[] backgrounds)
    {
        for (var i = 0; i < glyphs.Length; i++)
        {
            if (glyphs[i] != backgrounds[i] || sampledGlyphs[i] == sampledBackgrounds[i])
            {
                continue;
            }

            if (glyphShares[i] <= 0.5f)
            {
                glyphs[i] = palette.NearestApartFrom(sampledGlyphs[i], backgrounds[i]);
            }
            else
            {
                backgrounds[i] = palette.NearestApartFrom(sampledBackgrounds[i], glyphs[i]);
            }
        }
    }

    /// <summary>
    /// A vivid colour that depends only on the seed and the frame number, so a job re-run (or a preview of the same
    /// frame) gets the same colours whatever order frames are processed in.
    /// </summary>
    public static RgbColor RandomTextColor(int seed, int frameIndex)
    {
        // splitmix64: deterministic across processes, unlike HashCode.
        var z = unchecked(((ulong)(uint)seed << 32 | (uint)frameIndex) + 0x9E3779B97F4A7C15);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EB);
        var hash = (uint)(z ^ (z >> 31));
        var hue = (hash & 0xFFFF) / 65536.0 * 360;
        var saturation = 0.65 + ((hash >> 16) & 0xFF) / 255.0 * 0.35;
        var value = 0.85 + ((hash >> 24) & 0xFF) / 255.0 * 0.15;
        return FromHsv(hue, saturation, value);
    }

    private static RgbColor FromHsv(double hue, double saturation, double value)
    {
        var c = value * saturation;
        var x = c * (1 - Math.Abs(hue / 60 % 2 - 1));
        var m = value - c;
        var (r, g, b) = (int)(hue / 60) switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        return new RgbColor(ToByte(r + m), ToByte(g + m), ToByte(b + m));

        static byte ToByte(double v) => (byte)Math.Round(Math.Clamp(v, 0, 1) * 255);
    }
}
