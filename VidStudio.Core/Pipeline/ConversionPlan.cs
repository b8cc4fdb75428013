using VidStudio.Core.Frames;
using VidStudio.Core.Media;
using VidStudio.Core.Options;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// What a conversion of one probed source will produce: its timing and every size. The job submission (to refuse a
/// request before it is queued), the converter, the live stream and the preview all plan through a
/// <see cref="ConversionPlanner"/>, so all four apply the same caps.
/// </summary>
public sealed record ConversionPlan(MediaInfo Media, OutputTiming Timing, GridGeometry Geometry)
{
    /// <summary>The plan, or a <see cref="VideoInputException"/> when it exceeds <paramref name="limits"/>.</summary>
    public static ConversionPlan For(MediaInfo media, ConversionOptions options, double cellAspect, ConversionLimits limits)
    {
        var timing = OutputTiming.For(media, options);
        var geometry = GridGeometry.For(media.Width, media.Height, options.Width, cellAspect);
        limits.Check(media, geometry, timing);
        foreach (var format in OutputFormats.Requested(options))
        {
            if (format.CheckPlan?.Invoke(geometry, timing.ExpectedFrames, options) is { } refusal)
            {
                throw new VideoInputException(VideoInputError.OverLimit, refusal);
            }
        }

        return new ConversionPlan(media, timing, geometry);
    }
}
