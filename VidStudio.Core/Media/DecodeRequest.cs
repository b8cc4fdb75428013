namespace VidStudio.Core.Media;

/// <summary>
/// What to decode: a file, optionally resampled to <see cref="Rate"/> (null keeps the source's timing), from
/// <see cref="StartSeconds"/>, at most <see cref="MaxFrames"/> frames.
/// </summary>
public sealed record DecodeRequest(string Path)
{
    public FrameRate? Rate { get; init; }

    public double? StartSeconds { get; init; }

    public int? MaxFrames { get; init; }

    /// <summary>Frames that may wait decoded for the consumer.</summary>
    public int ReadAhead { get; init; } = 4;
}
