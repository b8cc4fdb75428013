using VidStudio.Core.Output;

namespace VidStudio.Core.Pipeline;

/// <summary>What a finished conversion produced.</summary>
public sealed record ConversionResult(
    int FramesCount,
    double DurationSeconds,
    double OutputFps,
    int Columns,
    int Rows,
    int RenderWidth,
    int RenderHeight,
    // The source's audio is in the outputs that carry sound (OutputFormat.CarriesAudio).
    bool HasAudio,
    IReadOnlyList<Artifact> Artifacts,
    double ProcessingSeconds,
    // From the converter's start to the first frame handed to the outputs: probe, plan and process starts.
    double FirstFrameSeconds);
