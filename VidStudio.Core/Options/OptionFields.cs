using System.Globalization;
using F = VidStudio.Core.Options.ConversionOptions.FieldNames;

namespace VidStudio.Core.Options;

public enum OptionFieldKind
{
    Integer,
    Number,
    Boolean,
    Choice,
    Color,
    Text,
}

/// <summary>What a client needs to know about one parameter: its API name, type, default, range and meaning.</summary>
public sealed record OptionField(string Name, OptionFieldKind Kind, string Description, string? Default, double? Min = null, double? Max = null, IReadOnlyList<string>? Choices = null);

/// <summary>The parameters of SPEC §1 described once, for the OpenAPI document and the Studio's controls.</summary>
public static class OptionFields
{
    private static readonly ConversionOptions Defaults = new();

    public static IReadOnlyList<OptionField> All { get; } =
    [
        new(F.Width, OptionFieldKind.Integer, "Characters per row; rows follow from the source's aspect and the font cell's aspect.",
            Text(Defaults.Width), ConversionOptions.MinWidth, ConversionOptions.MaxWidth),
        new(F.Style, OptionFieldKind.Choice, "Character set / look. 'custom' uses charset.", ConversionOptionsParser.Format(Defaults.Style),
            Choices: ConversionOptions.StyleNames),
        new(F.Charset, OptionFieldKind.Text, $"Ramp for style=custom, {ConversionOptions.MinCharsetLength}–{ConversionOptions.MaxCharsetLength} characters from dark to light.", null,
            ConversionOptions.MinCharsetLength, ConversionOptions.MaxCharsetLength),
        new(F.Brightness, OptionFieldKind.Number, "Brightness multiplier applied before mapping.", Text(Defaults.Brightness), ConversionOptions.MinCorrection, ConversionOptions.MaxCorrection),
        new(F.Contrast, OptionFieldKind.Number, "Contrast around mid-grey.", Text(Defaults.Contrast), ConversionOptions.MinCorrection, ConversionOptions.MaxCorrection),
        new(F.Gamma, OptionFieldKind.Number, "Gamma: output = input^(1/gamma); above 1 lifts mid-tones.", Text(Defaults.Gamma), ConversionOptions.MinCorrection, ConversionOptions.MaxCorrection),
        new(F.ColorMode, OptionFieldKind.Choice, "'fixed': text_color (or random per frame); 'source': each character takes its cell's average colour.",
            ConversionOptionsParser.Format(Defaults.ColorMode), Choices: Enum.GetValues<ColorMode>().Select(ConversionOptionsParser.Format).ToArray()),
        new(F.TextColor, OptionFieldKind.Color, "Character colour, #RRGGBB.", Defaults.TextColor),
        new(F.BgColor, OptionFieldKind.Color, "Background colour of rendered frames, #RRGGBB.", Defaults.BgColor),
        new(F.RandomColors, OptionFieldKind.Boolean, "A random text colour for each frame (reproducible from seed).", Text(Defaults.RandomColors)),
        new(F.Seed, OptionFieldKind.Integer, "Seed of random_colors.", Text(Defaults.Seed), int.MinValue, int.MaxValue),
        new(F.TransparentBg, OptionFieldKind.Boolean, "PNG frames get a transparent background instead of bg_color.", Text(Defaults.TransparentBg)),
        new(F.Fps, OptionFieldKind.Integer, "Output frame rate; frames are dropped or repeated so the duration equals the source's. Default: the source's rate.",
            null, ConversionOptions.MinFps, ConversionOptions.MaxFps),
        new(F.Crf, OptionFieldKind.Integer, "H.264 quality: 0 lossless … 51 worst.", Text(Defaults.Crf), ConversionOptions.MinCrf, ConversionOptions.MaxCrf),
        new(F.SaveTxt, OptionFieldKind.Boolean, "Write text frames frame_XXXXXX.txt.", Text(Defaults.SaveTxt)),
        new(F.SavePng, OptionFieldKind.Boolean, "Write PNG frames at the source's resolution.", Text(Defaults.SavePng)),
        new(F.SaveMp4, OptionFieldKind.Boolean, "Write video.mp4 (H.264, yuv420p, the source's audio).", Text(Defaults.SaveMp4)),
    ];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "true" : "false";
}
