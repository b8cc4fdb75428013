namespace VidStudio.Core.Media;

/// <summary>
/// What the probe learnt about a video. <see cref="Width"/> and <see cref="Height"/> are the upright display size:
/// a rotation of 90° or 270° is already applied, because ffmpeg applies it when decoding. <see cref="AudioCodec"/> is
/// the first audio stream's codec, or null when the file is silent.
/// </summary>
public sealed record MediaInfo(
    int Width,
    int Height,
    double DurationSeconds,
    FrameRate FrameRate,
    long FrameCount,
    int Rotation,
    string? AudioCodec,
    bool IsVariableFrameRate,
    string Container,
    string VideoCodec)
{
    public bool HasAudio => AudioCodec is not null;
}
