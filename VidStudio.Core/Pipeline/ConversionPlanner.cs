using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// Plans conversions for one installation: its default font's cell shape and its caps are given once, here, so the job
/// submission (which refuses a request before it is queued), the converter, the live stream and the preview cannot
/// plan the same source differently.
/// </summary>
public sealed class ConversionPlanner(FontSet fonts, ConversionLimits limits)
{
    /// <summary>The plan, or a <see cref="VideoInputException"/> when it exceeds the installation's caps.</summary>
    /// <param name="font">The font the options name, when not the installation's default: its cell's aspect sets the rows.</param>
    public ConversionPlan Plan(MediaInfo media, ConversionOptions options, FontSet? font = null) => ConversionPlan.For(media, options, (font ?? fonts).CellAspect, limits);
}
