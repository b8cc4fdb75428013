using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// One conversion: the input, where its artifacts go, and its options. <see cref="Media"/> is the probe's result when
/// the caller already has it (the job service probes every upload before queueing it), so it is not probed again.
/// <see cref="Font"/> is the font <see cref="ConversionOptions.Font"/> names, loaded by the caller (which knows whose
/// uploads it may use); null draws with the converter's default font.
/// </summary>
public sealed record ConversionRequest(string InputPath, string OutputDirectory, ConversionOptions Options)
{
    public MediaInfo? Media { get; init; }

    public FontSet? Font { get; init; }
}
