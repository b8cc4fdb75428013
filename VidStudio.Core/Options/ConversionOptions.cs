using System.Buffers;
using System.Text;
using System.Text.Json.Serialization;

namespace VidStudio.Core.Options;

/// <summary>
/// Every parameter of one conversion. The API binds it, the job table stores it and the
/// engine receives it, so <see cref="Validate"/> is the one place where ranges are enforced.
/// Property names map to the API's snake_case form fields through <see cref="FieldNames"/>.
/// </summary>
public sealed record ConversionOptions
{
    public const int MinWidth = 10, MaxWidth = 240, DefaultWidth = 120;
    public const double MinCorrection = 0.5, MaxCorrection = 2.0;
    public const int MinFps = 1, MaxFps = 120;
    public const int MinCrf = 0, MaxCrf = 51, DefaultCrf = 23;
    public const int MinCharsetLength = 2, MaxCharsetLength = 64;
    public const double MinStability = 0, MaxStability = 1, DefaultStability = 0.75;
    public const double MinGlyphContrast = 0, MaxGlyphContrast = 1, DefaultGlyphContrast = 0.15;
    public const int MinGifWidth = 64, MaxGifWidth = 1920;
    public const double MinDitherStrength = 0, MaxDitherStrength = 1, DefaultDitherStrength = 1;
    public const int MinPaletteColors = 2, MaxPaletteColors = 256;
    public const int MaxFontNameLength = 64;

    /// <summary>The font glyphs are drawn with unless <see cref="Font"/> names another: DejaVu Sans Mono, installed with fonts-dejavu-core.</summary>
    public const string DefaultFont = "dejavu-sans-mono";

    /// <summary>GIF delays are whole hundredths of a second and browsers slow delays under 2 of them down to 10, so 50 fps is the most a GIF shows.</summary>
    public const int MinGifFps = 1, MaxGifFps = 50;

    /// <summary>The frame rate a GIF gets unless <see cref="GifFps"/> asks: the output's, at most this.</summary>
    public const int MaxDefaultGifFps = 15;

    /// <summary>
    /// Pixels per character column a GIF gets unless <see cref="GifWidth"/> asks (at most the frames' width). Measured on
    /// big_buck_bunny (1280 px frames, 120 columns, cell colours, 1 s): 1280 px 1.14 MB, 960 (8 per column) 0.92 MB,
    /// 640 0.50 MB, 480 0.35 MB; glyphs stay crisp at 8 px per column, blur at 5 and smear into blocks at 4.
    /// </summary>
    public const int DefaultGifPixelsPerColumn = 8;

    /// <summary>Characters per row; the row count follows from the source's aspect and the font cell's aspect.</summary>
    public int Width { get; init; } = DefaultWidth;

    public AsciiStyle Style { get; init; } = AsciiStyle.Normal;

    /// <summary>Multiplies brightness before mapping (1 = unchanged).</summary>
    public double Brightness { get; init; } = 1.0;

    /// <summary>Stretches values away from mid-grey (1 = unchanged).</summary>
    public double Contrast { get; init; } = 1.0;

    /// <summary>Output = input^(1/gamma): above 1 lifts the mid-tones, below 1 darkens them.</summary>
    public double Gamma { get; init; } = 1.0;

    /// <summary>One random text colour per frame, drawn from <see cref="Seed"/> so a job can be reproduced.</summary>
    public bool RandomColors { get; init; }

    /// <summary>Seed of the per-frame random colours.</summary>
    public int Seed { get; init; }

    /// <summary>PNG frames get alpha 0 where there is no glyph (the MP4 still uses <see cref="BgColor"/>).</summary>
    public bool TransparentBg { get; init; }

    public string BgColor { get; init; } = "#000000";

    public string TextColor { get; init; } = "#00FF00";

    /// <summary>Output frame rate; null keeps the source's rate. Frames are resampled so the duration never changes.</summary>
    public int? Fps { get; init; }

    /// <summary>H.264 quality, 0 (lossless) to 51 (worst).</summary>
    public int Crf { get; init; } = DefaultCrf;

    public ColorMode ColorMode { get; init; } = ColorMode.Fixed;

    /// <summary>The dark → light ramp used when <see cref="Style"/> is <see cref="AsciiStyle.Custom"/>.</summary>
    public string? Charset { get; init; }

    /// <summary>Shape styles: a comma list of <see cref="SymbolClass"/> names to choose from; null: the style's default (<see cref="SymbolClasses.DefaultFor"/>).</summary>
    public string? Symbols { get; init; }

    /// <summary>
    /// 0–1: how strongly a cell keeps its character from the previous frame (shape styles). 0 chooses every frame afresh;
    /// scene cuts always start afresh. The default was measured (benchmark <c>quality --stability-sweep</c>): on real
    /// footage it cuts flicker to about a third (cell colours: 13% → 2%) for a fidelity loss under 1.5%.
    /// </summary>
    public double Stability { get; init; } = DefaultStability;

    /// <summary>
    /// 0–1, cell colours only: the least luma difference between a glyph's colour and its background, as a share of the
    /// range. Sampled colours alone left 80–90% of cells' glyphs within a tenth of their background (a colour mosaic
    /// with faint letters); the two are pushed apart around the cell's mean, so the cell keeps its average colour. The
    /// default was measured with the benchmark's quality scenario (see the README).
    /// </summary>
    public double GlyphContrast { get; init; } = DefaultGlyphContrast;

    /// <summary>How ramp styles share a tone between neighbouring ramp levels (<see cref="DitherMode.None"/>: the nearest level).</summary>
    public DitherMode Dither { get; init; } = DitherMode.None;

    /// <summary>
    /// 0–1: how far the dither moves the thresholds between levels (diffusion: the share of the error carried on); 0 is
    /// no dither. The default, full strength, is the one at which a flat tone's mix of levels averages to the tone.
    /// </summary>
    public double DitherStrength { get; init; } = DefaultDitherStrength;

    /// <summary>The colours frames may use; every colour a frame shows (cells, text and background) is the nearest of them in OKLab.</summary>
    public Palette Palette { get; init; } = Palette.Full;

    /// <summary>The colours of <see cref="Options.Palette.Custom"/>, <c>#RRGGBB,#RRGGBB,...</c>.</summary>
    public string? PaletteColors { get; init; }

    /// <summary>Stretches luma between the clip's dark and bright percentiles (smoothed over time) before brightness/contrast/gamma.</summary>
    public bool AutoLevels { get; init; }

    /// <summary>
    /// The monospace font the glyphs are drawn with and matched against: a bundled font or one the job's owner uploaded
    /// (GET /api/v1/fonts lists them). Its cell's aspect sets the row count.
    /// </summary>
    public string Font { get; init; } = DefaultFont;

    public bool SaveTxt { get; init; }

    public bool SavePng { get; init; } = true;

    public bool SaveMp4 { get; init; } = true;

    /// <summary>ANSI-coloured text frames (<c>frame_XXXXXX.ans</c>) for terminals.</summary>
    public bool SaveAnsi { get; init; }

    /// <summary>An asciicast v2 recording (<c>animation.cast</c>) for asciinema.</summary>
    public bool SaveCast { get; init; }

    /// <summary>An animated GIF (<c>animation.gif</c>) of the rendered frames.</summary>
    public bool SaveGif { get; init; }

    /// <summary>The GIF's width in pixels; null: <see cref="DefaultGifPixelsPerColumn"/> per column, at most the frames' width.</summary>
    public int? GifWidth { get; init; }

    /// <summary>The GIF's frame rate; null: the output's, at most <see cref="MaxDefaultGifFps"/>. Never above the output's.</summary>
    public int? GifFps { get; init; }

    /// <summary>A self-contained HTML player (<c>player.html</c>) with the frames and the source's audio.</summary>
    public bool SaveHtml { get; init; }

    /// <summary>A VP9 WebM with alpha (<c>video_alpha.webm</c>) for compositing; needs <see cref="TransparentBg"/>.</summary>
    public bool SaveWebmAlpha { get; init; }

    /// <summary>The API's form-field names, used in every validation message so a user can find the field.</summary>
    public static class FieldNames
    {
        public const string Width = "width", Style = "style", Brightness = "brightness", Contrast = "contrast",
            Gamma = "gamma", RandomColors = "random_colors", Seed = "seed", TransparentBg = "transparent_bg",
            BgColor = "bg_color", TextColor = "text_color", Fps = "fps", Crf = "crf", ColorMode = "color_mode",
            Charset = "charset", Symbols = "symbols", SaveTxt = "save_txt", SavePng = "save_png", SaveMp4 = "save_mp4",
            Stability = "stability", GlyphContrast = "glyph_contrast", AutoLevels = "auto_levels", SaveAnsi = "save_ansi", SaveCast = "save_cast",
            SaveGif = "save_gif", GifWidth = "gif_width", GifFps = "gif_fps", SaveWebmAlpha = "save_webm_alpha",
            SaveHtml = "save_html", Dither = "dither", DitherStrength = "dither_strength", Palette = "palette", PaletteColors = "palette_colors", Font = "font";
    }

    [JsonIgnore]
    public RgbColor Background => RgbColor.Parse(BgColor);

    [JsonIgnore]
    public RgbColor Foreground => RgbColor.Parse(TextColor);

    /// <summary>Checks every field; returns one error per bad field, empty when the options can run.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        foreach (var parameter in ConversionParameters.All)
        {
            parameter.Validate(this, errors);
        }

        if (Style == AsciiStyle.Custom)
        {
            // Counted as the mapper uses it: one glyph per Unicode scalar value, so combining marks count too; counting
            // text elements let "ab" plus thousands of combining marks through as 2.
            var symbols = Charset is null ? 0 : Charset.EnumerateRunes().Count();
            if (symbols is < MinCharsetLength or > MaxCharsetLength)
            {
                errors.Add(new(FieldNames.Charset,
                    $"style=custom needs a charset of {MinCharsetLength} to {MaxCharsetLength} characters, dark to light (got {symbols})."));
            }
            else if (!IsPrintableText(Charset!))
            {
                errors.Add(new(FieldNames.Charset, "charset may hold printable characters only (no control characters or unpaired surrogates)."));
            }
        }

        if (Palette == Palette.Custom && string.IsNullOrWhiteSpace(PaletteColors))
        {
            errors.Add(new(FieldNames.PaletteColors, $"palette=custom needs palette_colors: {MinPaletteColors} to {MaxPaletteColors} colours written #RRGGBB,#RRGGBB,..."));
        }

        var outputs = ConversionParameters.Outputs;
        if (!outputs.Any(output => output.IsOn(this)))
        {
            var names = outputs.Select(output => output.Name).ToArray();
            errors.Add(new(FieldNames.SaveMp4, $"nothing to produce: enable at least one of {string.Join(", ", names[..^1])} and {names[^1]}."));
        }

        if (SaveWebmAlpha && !TransparentBg)
        {
            errors.Add(new(FieldNames.SaveWebmAlpha, "save_webm_alpha needs transparent_bg=true: the background is what becomes transparent."));
        }

        return errors;
    }

    private static bool IsPrintableText(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var symbol, out var length) != OperationStatus.Done || Rune.IsControl(symbol))
            {
                return false;
            }

            rest = rest[length..];
        }

        return true;
    }

    /// <summary>Throws <see cref="InvalidOptionsException"/> listing every bad field.</summary>
    public ConversionOptions EnsureValid()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new InvalidOptionsException(errors);
    }
}
