namespace VidStudio.Core.Pipeline;

/// <summary>Progress of a running conversion; <see cref="EtaSeconds"/> is null until there is a rate to go by.</summary>
public sealed record ConversionProgress(int FramesDone, int TotalFrames, double ElapsedSeconds, double? EtaSeconds)
{
    public double Fraction => TotalFrames == 0 ? 0 : Math.Min(1.0, (double)FramesDone / TotalFrames);

    public string Message => $"Processed {FramesDone} of {TotalFrames} frames";
}
