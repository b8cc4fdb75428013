using System.Globalization;
using F = VidStudio.Core.Options.ConversionOptions.FieldNames;
using Mode = VidStudio.Core.Options.ColorMode;
using O = VidStudio.Core.Options.ConversionOptions;
using P = VidStudio.Core.Options.Palette;

namespace VidStudio.Core.Options;

/// <summary>
/// The parameter table: the one place a parameter is named, typed, bounded and
/// explained. Adding a parameter is a property on <see cref="ConversionOptions"/>, one entry here, and the code that
/// uses it; the parser, validation, OpenAPI document, CLI usage, settings checks and the Studio's controls follow.
/// </summary>
public static class ConversionParameters
{
    public static ConversionParameter Width { get; } = Int(F.Width, "Width", "Characters per row; rows follow from the source's aspect and the font cell's aspect.",
        o => o.Width, (o, v) => o with { Width = v }, O.MinWidth, O.MaxWidth, $"between {O.MinWidth} and {O.MaxWidth} characters");

    public static ConversionParameter Style { get; } = Choice<AsciiStyle>(F.Style, "Style",
        "Character set / look. 'custom' uses charset; 'shape', 'shape_blocks' and 'mosaic' pick each cell's glyph by its shape (ASCII; block quadrants and shades; octants, eighth blocks and shades drawn as exact geometry), from the classes in symbols.",
        o => o.Style, (o, v) => o with { Style = v });

    public static ConversionParameter Charset { get; } = new(F.Charset, ParameterKind.Text, "Custom ramp (dark → light)",
        $"Ramp for style=custom, {O.MinCharsetLength}–{O.MaxCharsetLength} characters from dark to light.",
        o => o.Charset, (o, v) => o with { Charset = (string?)v }, text => (text, null), v => (string)v, _ => null)
    {
        Min = O.MinCharsetLength,
        Max = O.MaxCharsetLength,
        EmptyMeansDefault = false,
    };

    public static ConversionParameter Symbols { get; } = new(F.Symbols, ParameterKind.ChoiceList, "Symbols",
        "Shape styles: a comma list of the symbol classes to choose from. Default: ascii for shape, quadrants,shades for shape_blocks, " +
        "octants,blocks,shades for mosaic. Pictures draw every block as geometry; a terminal needs a Unicode 13 font for sextants and Unicode 16 for octants.",
        o => o.Symbols, (o, v) => o with { Symbols = (string?)v }, text => (text.Trim().ToLowerInvariant(), null), v => (string)v, v => SymbolClasses.Check((string)v))
    {
        Choices = ApiNames.All<SymbolClass>(),
        ChoiceLabels = Enum.GetValues<SymbolClass>().Select(symbolClass => symbolClass switch
        {
            SymbolClass.Ascii => "ASCII letters and signs",
            SymbolClass.Blocks => "Blocks: halves and eighths ▀▄▌▐▁▂▃▅▆▇",
            SymbolClass.Shades => "Shades ░▒▓",
            SymbolClass.Quadrants => "Quadrants ▘▝▖▗▚▞▙▛▜▟",
            SymbolClass.Sextants => "Sextants, 2×3 (Unicode 13)",
            SymbolClass.Octants => "Octants, 2×4 (Unicode 16)",
            SymbolClass.Braille => "Braille dots ⠿",
            _ => ApiNames.Of(symbolClass),
        }).ToArray(),
    };

    public static ConversionParameter Font { get; } = new(F.Font, ParameterKind.DynamicChoice, "Font",
        "The monospace font letters are drawn with and shapes matched against: a bundled font or one you uploaded (GET /api/v1/fonts lists them). " +
        "Its cell's aspect sets the row count. Blocks, sextants, octants, shades and braille are drawn as geometry whatever the font.",
        o => o.Font, (o, v) => o with { Font = (string)v! }, text => (text, null), v => (string)v, v => FontNames.Check((string)v));

    public static ConversionParameter Brightness { get; } = Number(F.Brightness, "Brightness", "Brightness multiplier applied before mapping.",
        o => o.Brightness, (o, v) => o with { Brightness = v }, O.MinCorrection, O.MaxCorrection);

    public static ConversionParameter Contrast { get; } = Number(F.Contrast, "Contrast", "Contrast around mid-grey.",
        o => o.Contrast, (o, v) => o with { Contrast = v }, O.MinCorrection, O.MaxCorrection);

    public static ConversionParameter Gamma { get; } = Number(F.Gamma, "Gamma", "Gamma: output = input^(1/gamma); above 1 lifts mid-tones.",
        o => o.Gamma, (o, v) => o with { Gamma = v }, O.MinCorrection, O.MaxCorrection);

    public static ConversionParameter Dither { get; } = Choice<DitherMode>(F.Dither, "Dither",
        "Ramp styles' tones (normal, inverted, dots, gradient, blocks, custom, edges' fill) and, with a palette, cell colours: 'ordered' (Bayer 8×8) and 'blue_noise' vary the threshold between levels or colours by a pattern fixed to the screen (no flicker on still parts); 'diffusion' carries each cell's rounding error to its neighbours (finest tones, but it shimmers in video).",
        o => o.Dither, (o, v) => o with { Dither = v });

    public static ConversionParameter DitherStrength { get; } = Number(F.DitherStrength, "Dither strength",
        "How far dither moves the thresholds between ramp levels (0 = no dither, 1 = a flat tone's mix of levels averages to the tone).",
        o => o.DitherStrength, (o, v) => o with { DitherStrength = v }, O.MinDitherStrength, O.MaxDitherStrength);

    public static ConversionParameter ColorMode { get; } = Choice<ColorMode>(F.ColorMode, "Colour mode",
        "'fixed': text_color (or random per frame); 'source': each character takes its cell's average colour; 'cell': the glyph and its background each take the colour of the pixels they cover.",
        o => o.ColorMode, (o, v) => o with { ColorMode = v },
        mode => mode switch
        {
            Mode.Fixed => "Fixed text colour",
            Mode.Source => "Colours from the video",
            Mode.Cell => "Two colours per cell (glyph and background)",
            _ => ApiNames.Of(mode),
        });

    public static ConversionParameter Stability { get; } = Number(F.Stability, "Stability",
        "Shape styles: 0 chooses each frame's characters afresh; higher keeps a cell's character until a clearly better one appears (less flicker). Cuts reset it.",
        o => o.Stability, (o, v) => o with { Stability = v }, O.MinStability, O.MaxStability);

    public static ConversionParameter GlyphContrast { get; } = Number(F.GlyphContrast, "Glyph contrast",
        "color_mode=cell: the least brightness difference between a glyph and its background (0 = as sampled, 1 = black on white); the cell keeps its average colour.",
        o => o.GlyphContrast, (o, v) => o with { GlyphContrast = v }, O.MinGlyphContrast, O.MaxGlyphContrast);

    public static ConversionParameter AutoLevels { get; } = Bool(F.AutoLevels, "Auto levels",
        "Stretch luma between the clip's dark and bright percentiles, smoothed over time, before brightness/contrast/gamma.",
        o => o.AutoLevels, (o, v) => o with { AutoLevels = v });

    public static ConversionParameter TextColor { get; } = Color(F.TextColor, "Text colour", "Character colour, #RRGGBB.",
        o => o.TextColor, (o, v) => o with { TextColor = v });

    public static ConversionParameter BgColor { get; } = Color(F.BgColor, "Background", "Background colour of rendered frames, #RRGGBB.",
        o => o.BgColor, (o, v) => o with { BgColor = v });

    public static ConversionParameter RandomColors { get; } = Bool(F.RandomColors, "Random colour per frame", "A random text colour for each frame (reproducible from seed).",
        o => o.RandomColors, (o, v) => o with { RandomColors = v });

    public static ConversionParameter Seed { get; } = Int(F.Seed, "Seed", "Seed of random_colors.",
        o => o.Seed, (o, v) => o with { Seed = v }, int.MinValue, int.MaxValue, null);

    public static ConversionParameter Palette { get; } = Choice<Palette>(F.Palette, "Palette",
        "The colours frames may use, each cell's and text_color/bg_color taken to the nearest (OKLab): 'full' as sampled; '256' xterm-256, '16' and '8' the standard terminal colours (ANSI output writes their numbers); '2' black and white; retro machines' palettes; 'custom' the palette_colors.",
        o => o.Palette, (o, v) => o with { Palette = v },
        palette => palette switch
        {
            P.Full => "Full colour",
            P.Xterm256 => "256 colours (xterm)",
            P.Standard16 => "16 terminal colours",
            P.Standard8 => "8 terminal colours",
            P.BlackAndWhite => "Black and white",
            P.Cga => "CGA (4 colours)",
            P.C64 => "Commodore 64",
            P.Gameboy => "Game Boy",
            P.Zx => "ZX Spectrum",
            P.Pico8 => "PICO-8",
            P.Custom => "Custom (palette_colors)",
            _ => ApiNames.Of(palette),
        });

    public static ConversionParameter PaletteColors { get; } = new(F.PaletteColors, ParameterKind.Text, "Custom palette",
        $"palette=custom: {O.MinPaletteColors}–{O.MaxPaletteColors} colours, #RRGGBB,#RRGGBB,...",
        o => o.PaletteColors, (o, v) => o with { PaletteColors = (string?)v }, text => (text, null), v => (string)v, v => Options.PaletteColors.Check((string)v));

    public static ConversionParameter TransparentBg { get; } = Bool(F.TransparentBg, "Transparent PNG background", "PNG frames, the GIF and the WebM with alpha get a transparent background instead of bg_color (the MP4 keeps bg_color).",
        o => o.TransparentBg, (o, v) => o with { TransparentBg = v });

    public static ConversionParameter Fps { get; } = OptionalInt(F.Fps, "Frame rate",
        "Output frame rate; frames are dropped or repeated so the duration equals the source's. Default: the source's rate.",
        o => o.Fps, (o, v) => o with { Fps = v }, O.MinFps, O.MaxFps, $"between {O.MinFps} and {O.MaxFps}");

    public static ConversionParameter Crf { get; } = Int(F.Crf, "MP4 quality (CRF)", "H.264 quality: 0 lossless … 51 worst.",
        o => o.Crf, (o, v) => o with { Crf = v }, O.MinCrf, O.MaxCrf, $"between {O.MinCrf} (lossless) and {O.MaxCrf} (worst)");

    public static ConversionParameter SaveTxt { get; } = OutputSwitch(F.SaveTxt, "TXT", "Write text frames frame_XXXXXX.txt.",
        o => o.SaveTxt, (o, v) => o with { SaveTxt = v });

    public static ConversionParameter SavePng { get; } = OutputSwitch(F.SavePng, "PNG", "Write PNG frames at the source's resolution.",
        o => o.SavePng, (o, v) => o with { SavePng = v });

    public static ConversionParameter SaveMp4 { get; } = OutputSwitch(F.SaveMp4, "MP4", "Write video.mp4 (H.264, yuv420p, the source's audio).",
        o => o.SaveMp4, (o, v) => o with { SaveMp4 = v });

    public static ConversionParameter SaveAnsi { get; } = OutputSwitch(F.SaveAnsi, "ANSI", "Write ANSI-coloured text frames frame_XXXXXX.ans (truecolour) for terminals.",
        o => o.SaveAnsi, (o, v) => o with { SaveAnsi = v });

    public static ConversionParameter SaveCast { get; } = OutputSwitch(F.SaveCast, "asciicast", "Write animation.cast, an asciicast v2 recording in colour (asciinema play, asciinema-player).",
        o => o.SaveCast, (o, v) => o with { SaveCast = v });

    public static ConversionParameter SaveGif { get; } = OutputSwitch(F.SaveGif, "GIF", "Write animation.gif: the rendered frames at gif_fps and gif_width, one palette for the clip, only what changed stored per frame, transparent where transparent_bg.",
        o => o.SaveGif, (o, v) => o with { SaveGif = v });

    public static ConversionParameter GifWidth { get; } = OptionalInt(F.GifWidth, "GIF width",
        $"Width of animation.gif in pixels (height follows). Default: {O.DefaultGifPixelsPerColumn} per character column (960 at width 120), at most the frames' width: characters stay legible, and each halving of the width roughly halves the GIF.",
        o => o.GifWidth, (o, v) => o with { GifWidth = v }, O.MinGifWidth, O.MaxGifWidth, $"between {O.MinGifWidth} and {O.MaxGifWidth} pixels");

    public static ConversionParameter GifFps { get; } = OptionalInt(F.GifFps, "GIF frame rate",
        $"Frame rate of animation.gif; frames are dropped for the GIF alone, so it lasts as long as the source. Never above the output's rate. Default: the output's rate, at most {O.MaxDefaultGifFps}.",
        o => o.GifFps, (o, v) => o with { GifFps = v }, O.MinGifFps, O.MaxGifFps, $"between {O.MinGifFps} and {O.MaxGifFps}");

    public static ConversionParameter SaveWebmAlpha { get; } = OutputSwitch(F.SaveWebmAlpha, "WebM with alpha",
        "Write video_alpha.webm: VP9 with a transparent background (needs transparent_bg) and the source's audio, for video editors.",
        o => o.SaveWebmAlpha, (o, v) => o with { SaveWebmAlpha = v });

    public static ConversionParameter SaveHtml { get; } = OutputSwitch(F.SaveHtml, "HTML player",
        "Write player.html: one self-contained page that plays the frames (as in the PNGs) with the source's audio, offline, no server.",
        o => o.SaveHtml, (o, v) => o with { SaveHtml = v });

    public static IReadOnlyList<ConversionParameter> All { get; } =
    [
        Width, Style, Charset, Symbols, Font, AutoLevels, Brightness, Contrast, Gamma, Dither, DitherStrength, ColorMode, Stability, GlyphContrast, TextColor, BgColor, RandomColors, Seed, Palette, PaletteColors, TransparentBg, Fps, Crf,
        SaveTxt, SavePng, SaveMp4, SaveAnsi, SaveCast, SaveGif, GifWidth, GifFps, SaveWebmAlpha, SaveHtml,
    ];

    /// <summary>The outputs' switches in the table's order: a job must turn on at least one. Each output's registry entry names its switch.</summary>
    public static IReadOnlyList<ConversionParameter> Outputs { get; } = All.Where(p => p.IsOutputSwitch).ToArray();

    private static readonly Dictionary<string, ConversionParameter> ByName = All.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The parameter of an API name (<c>bg_color</c>) or CLI name (<c>bg-color</c>), or null.</summary>
    public static ConversionParameter? Find(string name) => ByName.GetValueOrDefault(name.Trim().Replace('-', '_'));

    private static ConversionParameter Int(string name, string label, string help, Func<O, int?> get, Func<O, int, O> set, int min, int max, string? range) =>
        OptionalInt(name, label, help, get, (o, v) => set(o, v!.Value), min, max, range);

    /// <summary>An integer that may be unset (null), which leaves the choice to the engine: fps takes the source's rate.</summary>
    private static ConversionParameter OptionalInt(string name, string label, string help, Func<O, int?> get, Func<O, int?, O> set, int min, int max, string? range) =>
        new(name, ParameterKind.Integer, label, help, o => get(o), (o, v) => set(o, (int?)v),
            text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? (v, null) : (null, $"{name} must be a whole number (got '{text}')."),
            v => ((int)v).ToString(CultureInfo.InvariantCulture),
            v => range is not null && ((int)v < min || (int)v > max) ? $"{name} must be {range} (got {v})." : null)
        {
            Min = min,
            Max = max,
        };

    private static ConversionParameter Number(string name, string label, string help, Func<O, double> get, Func<O, double, O> set, double min, double max) =>
        new(name, ParameterKind.Number, label, help, o => get(o), (o, v) => set(o, (double)v!),
            text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? (v, null) : (null, $"{name} must be a number such as {Sample(min, max)} (got '{text}')."),
            v => ((double)v).ToString("0.0##", CultureInfo.InvariantCulture),
            v => double.IsNaN((double)v) || (double)v < min || (double)v > max
                ? $"{name} must be between {min:0.0} and {max:0.0} (got {v})."
                : null)
        {
            Min = min,
            Max = max,
        };

    private static string Sample(double min, double max) => ((min + max) / 2).ToString("0.0##", CultureInfo.InvariantCulture);

    private static ConversionParameter OutputSwitch(string name, string label, string help, Func<O, bool> get, Func<O, bool, O> set) =>
        Bool(name, label, help, get, set, isOutputSwitch: true);

    private static ConversionParameter Bool(string name, string label, string help, Func<O, bool> get, Func<O, bool, O> set, bool isOutputSwitch = false) =>
        new(name, ParameterKind.Boolean, label, help, o => get(o), (o, v) => set(o, (bool)v!),
            text => text.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => (true, null),
                "false" or "0" or "no" or "off" => (false, null),
                _ => (null, $"{name} must be true or false (got '{text}')."),
            },
            v => (bool)v ? "true" : "false",
            _ => null)
        {
            IsOutputSwitch = isOutputSwitch,
        };

    private static ConversionParameter Color(string name, string label, string help, Func<O, string> get, Func<O, string, O> set) =>
        new(name, ParameterKind.Color, label, help, o => get(o), (o, v) => set(o, (string)v!), text => (text, null), v => (string)v,
            v => RgbColor.TryParse((string)v, out _) ? null : $"{name} must be a colour written #RRGGBB (got '{v}').");

    private static ConversionParameter Choice<T>(string name, string label, string help, Func<O, T> get, Func<O, T, O> set, Func<T, string>? describe = null) where T : struct, Enum
    {
        var names = ApiNames.All<T>();
        var list = names.Count == 2 ? $"'{names[0]}' or '{names[1]}'" : $"one of {string.Join(", ", names)}";
        return new(name, ParameterKind.Choice, label, help, o => get(o), (o, v) => set(o, (T)v!),
            text => ApiNames.TryParse<T>(text, out var v) ? (v, null) : (null, $"{name} must be {list} (got '{text}')."),
            v => ApiNames.Of((T)v),
            v => Enum.IsDefined((T)v) ? null : $"{name} must be {list}.")
        {
            Choices = names,
            ChoiceLabels = describe is null ? names : Enum.GetValues<T>().Select(describe).ToArray(),
        };
    }
}
