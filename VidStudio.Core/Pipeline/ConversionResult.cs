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
    bool HasAudio,
    IReadOnlyList<Artifact> Artifacts,
    double ProcessingSeconds);
