using System.Globalization;
using F = VidStudio.Core.Options.ConversionOptions.FieldNames;

namespace VidStudio.Core.Options;

/// <summary>
/// Builds <see cref="ConversionOptions"/> from textual name/value pairs (API form fields, CLI flags), starting from
/// given defaults. Malformed values and unknown names are reported per field; ranges are then checked by
/// <see cref="ConversionOptions.Validate"/>, so there is one definition of what is valid.
/// </summary>
public static class ConversionOptionsParser
{
    public static IReadOnlyList<string> FieldNames { get; } =
    [
        F.Width, F.Style, F.Brightness, F.Contrast, F.Gamma, F.RandomColors, F.Seed, F.TransparentBg, F.BgColor,
        F.TextColor, F.Fps, F.Crf, F.ColorMode, F.Charset, F.SaveTxt, F.SavePng, F.SaveMp4,
    ];

    /// <summary>Parses <paramref name="values"/> over <paramref name="defaults"/>; <paramref name="ignoreUnknown"/> skips names that are not parameters (e.g. other form fields).</summary>
    public static (ConversionOptions Options, IReadOnlyList<OptionError> Errors) Parse(
        IEnumerable<KeyValuePair<string, string?>> values, ConversionOptions defaults, bool ignoreUnknown = false)
    {
        var options = defaults;
        var errors = new List<OptionError>();
        foreach (var (rawName, rawValue) in values)
        {
            var name = rawName.Trim().ToLowerInvariant().Replace('-', '_');
            var value = rawValue?.Trim() ?? "";
            if (value.Length == 0 && name != F.Charset)
            {
                // An empty form field means "not given": keep the default.
                continue;
            }

            switch (name)
            {
                case F.Width: options = Int(name, value, errors) is { } w ? options with { Width = w } : options; break;
                case F.Seed: options = Int(name, value, errors) is { } s ? options with { Seed = s } : options; break;
                case F.Fps: options = Int(name, value, errors) is { } f ? options with { Fps = f } : options; break;
                case F.Crf: options = Int(name, value, errors) is { } c ? options with { Crf = c } : options; break;
                case F.Brightness: options = Double(name, value, errors) is { } b ? options with { Brightness = b } : options; break;
                case F.Contrast: options = Double(name, value, errors) is { } k ? options with { Contrast = k } : options; break;
                case F.Gamma: options = Double(name, value, errors) is { } g ? options with { Gamma = g } : options; break;
                case F.RandomColors: options = Bool(name, value, errors) is { } rc ? options with { RandomColors = rc } : options; break;
                case F.TransparentBg: options = Bool(name, value, errors) is { } tb ? options with { TransparentBg = tb } : options; break;
                case F.SaveTxt: options = Bool(name, value, errors) is { } st ? options with { SaveTxt = st } : options; break;
                case F.SavePng: options = Bool(name, value, errors) is { } sp ? options with { SavePng = sp } : options; break;
                case F.SaveMp4: options = Bool(name, value, errors) is { } sm ? options with { SaveMp4 = sm } : options; break;
                case F.BgColor: options = options with { BgColor = value }; break;
                case F.TextColor: options = options with { TextColor = value }; break;
                case F.Charset: options = options with { Charset = rawValue }; break;
                case F.Style:
                    if (TryParseEnum<AsciiStyle>(value, out var style)) options = options with { Style = style };
                    else errors.Add(new(name, $"style must be one of {string.Join(", ", ConversionOptions.StyleNames)} (got '{value}')."));
                    break;
                case F.ColorMode:
                    if (TryParseEnum<ColorMode>(value, out var mode)) options = options with { ColorMode = mode };
                    else errors.Add(new(name, $"color_mode must be 'fixed' or 'source' (got '{value}')."));
                    break;
                default:
                    if (!ignoreUnknown)
                    {
                        errors.Add(new(name, $"'{rawName}' is not a parameter. Known parameters: {string.Join(", ", FieldNames)}."));
                    }

                    break;
            }
        }

        return (options, errors);
    }

    /// <summary>
    /// Parses and validates in one step: the options, or an <see cref="InvalidOptionsException"/> listing every
    /// malformed and every out-of-range field.
    /// </summary>
    public static ConversionOptions ParseValid(IEnumerable<KeyValuePair<string, string?>> values, ConversionOptions defaults)
    {
        var (options, errors) = Parse(values, defaults);
        var all = errors.Concat(options.Validate()).ToList();
        return all.Count == 0 ? options : throw new InvalidOptionsException(all);
    }

    public static string Format(AsciiStyle style) => style.ToString().ToLowerInvariant();

    public static string Format(ColorMode mode) => mode.ToString().ToLowerInvariant();

    private static bool TryParseEnum<T>(string value, out T result) where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: true, out result) && Enum.IsDefined(result) && !int.TryParse(value, out _);

    private static int? Int(string name, string value, List<OptionError> errors)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        errors.Add(new(name, $"{name} must be a whole number (got '{value}')."));
        return null;
    }

    private static double? Double(string name, string value, List<OptionError> errors)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) && double.IsFinite(result))
        {
            return result;
        }

        errors.Add(new(name, $"{name} must be a number such as 1.0 (got '{value}')."));
        return null;
    }

    private static bool? Bool(string name, string value, List<OptionError> errors)
    {
        switch (value.ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on": return true;
            case "false" or "0" or "no" or "off": return false;
            default:
                errors.Add(new(name, $"{name} must be true or false (got '{value}')."));
                return null;
        }
    }
}
