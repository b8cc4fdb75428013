namespace VidStudio.Core.Options;

/// <summary>
/// Builds <see cref="ConversionOptions"/> from textual name/value pairs (API form fields, WebSocket and preset JSON,
/// CLI flags) over given defaults, each through its entry in <see cref="ConversionParameters"/>. Malformed values and
/// unknown names are reported per field; ranges are then checked by <see cref="ConversionOptions.Validate"/>.
/// </summary>
public static class ConversionOptionsParser
{
    public static (ConversionOptions Options, IReadOnlyList<OptionError> Errors) Parse(IEnumerable<KeyValuePair<string, string?>> values, ConversionOptions defaults)
    {
        var options = defaults;
        var errors = new List<OptionError>();
        foreach (var (rawName, rawValue) in values)
        {
            if (ConversionParameters.Find(rawName) is not { } parameter)
            {
                errors.Add(new(rawName.Trim(), $"'{rawName}' is not a parameter. Known parameters: {string.Join(", ", ConversionParameters.All.Select(p => p.Name))}."));
                continue;
            }

            var value = rawValue?.Trim() ?? "";
            if (value.Length == 0 && parameter.EmptyMeansDefault)
            {
                // An empty form field means "not given": keep the default.
                continue;
            }

            options = parameter.Parse(options, parameter.EmptyMeansDefault ? value : rawValue ?? "", errors);
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
}
