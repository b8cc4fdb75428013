namespace VidStudio.Core.Pipeline;

/// <summary>Engine settings that belong to the installation rather than to a job.</summary>
public sealed record ConverterSettings
{
    /// <summary>x264 preset: veryfast keeps the encoder, the bottleneck on small machines, at ~3× the speed of medium.</summary>
    public string EncoderPreset { get; init; } = "veryfast";

    /// <summary>Threads encoding PNG frames, the most expensive per-frame step after x264.</summary>
    public int PngWorkers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Caps on what one job may ask for and write.</summary>
    public ConversionLimits Limits { get; init; } = new();

    /// <summary>How often progress is reported at most.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
