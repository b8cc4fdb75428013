using VidStudio.Core.Media;
using VidStudio.Core.Options;

namespace VidStudio.Core.Pipeline;

/// <summary>The output frame rate of a conversion and whether the decoder must resample to reach it.</summary>
public sealed record OutputTiming(FrameRate Rate, FrameRate? Resample, int ExpectedFrames)
{
    public static OutputTiming For(MediaInfo media, ConversionOptions options)
    {
        // A source's own rate above the highest fps a request may ask for (a 1000 fps timebase, say) is brought down to it.
        var rate = options.Fps is { } fps ? FrameRate.FromInteger(fps)
            : media.FrameRate.Value > ConversionOptions.MaxFps ? FrameRate.FromInteger(ConversionOptions.MaxFps)
            : media.FrameRate;
        // The fps filter costs ~7% of decode time; it is only needed to change the rate or to even out a variable one.
        var resample = rate != media.FrameRate || media.IsVariableFrameRate ? rate : (FrameRate?)null;
        return new OutputTiming(rate, resample, Math.Max(1, (int)Math.Round(media.DurationSeconds * rate.Value)));
    }
}
