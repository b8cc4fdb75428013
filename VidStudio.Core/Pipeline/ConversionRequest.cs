using VidStudio.Core.Media;
using VidStudio.Core.Options;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// One conversion: the input, where its artifacts go, and its options. <see cref="Media"/> is the probe's result when
/// the caller already has it (the job service probes every upload before queueing it), so it is not probed again.
/// </summary>
public sealed record ConversionRequest(string InputPath, string OutputDirectory, ConversionOptions Options)
{
    public MediaInfo? Media { get; init; }
}
