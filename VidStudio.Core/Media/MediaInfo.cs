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

/// <summary>A frame rate as ffmpeg states it (for example 30000/1001), so no rounding creeps into durations.</summary>
public readonly record struct FrameRate(int Numerator, int Denominator)
{
    public double Value => (double)Numerator / Denominator;

    public static FrameRate FromInteger(int fps) => new(fps, 1);

    public static bool TryParse(string? text, out FrameRate rate)
    {
        rate = default;
        var parts = text?.Split('/');
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], out var n) || !int.TryParse(parts[1], out var d) || n <= 0 || d <= 0)
        {
            return false;
        }

        rate = new FrameRate(n, d);
        return true;
    }

    /// <summary>The form ffmpeg's options take.</summary>
    public override string ToString() => $"{Numerator}/{Denominator}";
}
