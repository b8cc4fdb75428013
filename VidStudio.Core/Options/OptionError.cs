namespace VidStudio.Core.Options;

/// <summary>One invalid parameter: the API field name and a message that states the allowed values.</summary>
public sealed record OptionError(string Field, string Message);
