namespace VidStudio.Core.Media;

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
