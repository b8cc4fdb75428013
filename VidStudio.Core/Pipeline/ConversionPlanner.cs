using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// Plans conversions for one installation: its font's cell shape and its caps are given once, here, so the job
/// submission (which refuses a request before it is queued), the converter, the live stream and the preview cannot
/// plan the same source differently.
/// </summary>
public sealed class ConversionPlanner(FontSet fonts, ConversionLimits limits)
{
    /// <summary>The plan, or a <see cref="VideoInputException"/> when it exceeds the installation's caps.</summary>
    public ConversionPlan Plan(MediaInfo media, ConversionOptions options) => ConversionPlan.For(media, options, fonts.CellAspect, limits);
}
