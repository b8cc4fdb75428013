using VidStudio.Core.Options;

namespace VidStudio.Web.Presets;

/// <summary>A named set of options: built in (read-only) or saved by a user.</summary>
public sealed record Preset(string Name, ConversionOptions Options, bool BuiltIn);
