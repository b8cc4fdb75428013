namespace VidStudio.Core.Options;

/// <summary>Options that cannot run, with one <see cref="OptionError"/> per bad field.</summary>
public sealed class InvalidOptionsException(IReadOnlyList<OptionError> errors)
    : ExpectedErrorException(string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<OptionError> Errors { get; } = errors;
}
