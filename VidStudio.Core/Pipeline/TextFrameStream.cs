using System.Runtime.CompilerServices;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// Text frames as they are decoded, for live streaming: the consumer's pace drives the decoder (bounded pipes, no
/// queue), so a slow reader slows ffmpeg down instead of making frames pile up.
/// </summary>
public sealed class TextFrameStream(FfmpegTools tools, FontSet fonts, ConversionLimits? limits = null)
{
    private readonly ConversionPlanner _planner = new(fonts, limits ?? new ConversionLimits());

    /// <param name="font">The font the options name (shape styles match against it; its cell sets the rows); null: the default font.</param>
    public async IAsyncEnumerable<TextFrame> StreamAsync(
        string path, ConversionOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default, FontSet? font = null)
    {
        options.EnsureValid();
        var media = await new VideoProber(tools).ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        var (_, timing, geometry) = _planner.Plan(media, options, font);
        var renderer = new FrameRenderer(options, geometry, font ?? fonts);
        await foreach (var frame in new FrameDecoder(tools).DecodeAsync(new DecodeRequest(path) { Rate = timing.Resample }, cancellationToken).ConfigureAwait(false))
        {
            int index;
            using (frame)
            {
                index = frame.Index;
                renderer.MapCharacters(frame);
            }

            yield return new TextFrame(index, index / timing.Rate.Value, renderer.FormatText().ToString(), timing.ExpectedFrames);
        }
    }
}
