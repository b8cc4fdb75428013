namespace VidStudio.Core.Options;

/// <summary>
/// One conversion parameter as every client sees it: its API name (the CLI's flag with dashes), label and help for the
/// Studio, type, default, range or choices. It reads its textual form and checks its value, so the parser, the
/// validation, the OpenAPI schema, the CLI usage, the settings and the Studio's controls all read the same entry.
/// Values travel as objects: parameters are handled once per request, never per frame.
/// </summary>
public sealed class ConversionParameter
{
    private static readonly ConversionOptions Defaults = new();

    private readonly Func<ConversionOptions, object?> _get;
    private readonly Func<ConversionOptions, object?, ConversionOptions> _set;
    private readonly Func<string, (object? Value, string? Error)> _read;
    private readonly Func<object, string> _write;
    private readonly Func<object, string?> _check;

    internal ConversionParameter(
        string name, ParameterKind kind, string label, string help,
        Func<ConversionOptions, object?> get, Func<ConversionOptions, object?, ConversionOptions> set,
        Func<string, (object? Value, string? Error)> read, Func<object, string> write, Func<object, string?> check)
    {
        Name = name;
        Kind = kind;
        Label = label;
        Help = help;
        _get = get;
        _set = set;
        _read = read;
        _write = write;
        _check = check;
    }

    public string Name { get; }

    public ParameterKind Kind { get; }

    public string Label { get; }

    public string Help { get; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>What the Studio calls each of <see cref="Choices"/>, in the same order.</summary>
    public IReadOnlyList<string>? ChoiceLabels { get; init; }

    /// <summary>Whether an empty value means "not given" (keep the default); false for charset, where it is a value.</summary>
    public bool EmptyMeansDefault { get; init; } = true;

    /// <summary>Whether this is an output's <c>save_*</c> switch: a job must turn on at least one, and the Studio groups them.</summary>
    public bool IsOutputSwitch { get; init; }

    public string CliFlag => "--" + Name.Replace('_', '-');

    /// <summary>The default's textual form, as the API and the CLI take it; null when unset by default (fps: the source's rate).</summary>
    public string? DefaultText => Format(Defaults);

    /// <summary>The default value, typed as the property (null when unset by default).</summary>
    public object? DefaultValue => _get(Defaults);

    /// <summary>The value in <paramref name="options"/>, typed as the property (int, double, bool, string or the enum); what the Studio's controls show.</summary>
    public object? ValueIn(ConversionOptions options) => _get(options);

    /// <summary><paramref name="options"/> with this parameter set to <paramref name="value"/>, typed as the property; unchecked, as <see cref="Validate"/> checks it.</summary>
    public ConversionOptions With(ConversionOptions options, object? value) => _set(options, value);

    /// <summary>The value's textual form in <paramref name="options"/>, as <see cref="Parse"/> reads it back.</summary>
    public string? Format(ConversionOptions options) => _get(options) is { } value ? _write(value) : null;

    /// <summary><paramref name="options"/> with this parameter read from <paramref name="text"/>, or unchanged with an error added.</summary>
    public ConversionOptions Parse(ConversionOptions options, string text, List<OptionError> errors)
    {
        var (value, error) = _read(text);
        if (error is not null)
        {
            errors.Add(new(Name, error));
            return options;
        }

        return _set(options, value);
    }

    /// <summary>Whether this switch is on in <paramref name="options"/>.</summary>
    public bool IsOn(ConversionOptions options) => _get(options) is true;

    /// <summary>Adds an error when the value in <paramref name="options"/> is not acceptable.</summary>
    public void Validate(ConversionOptions options, List<OptionError> errors)
    {
        if (Check(_get(options)) is { } error)
        {
            errors.Add(new(Name, error));
        }
    }

    /// <summary>The error message for <paramref name="value"/>, or null when it is acceptable (installation settings use it too).</summary>
    public string? Check(object? value) => value is null ? null : _check(value);
}
