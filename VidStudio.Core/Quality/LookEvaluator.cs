using System.Diagnostics;
using VidStudio.Core.Frames;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Quality;

/// <summary>Renders a run of decoded frames with a look, as a job would, and scores it with <see cref="LookMeter"/>.</summary>
public static class LookEvaluator
{
    /// <param name="lastFrame">When given (<see cref="GridGeometry.RenderWidth"/> × <see cref="GridGeometry.RenderHeight"/> pixels), receives the last frame as RGBA, to be looked at.</param>
    public static LookScore Evaluate(
        IReadOnlyList<YuvFrame> frames, ConversionOptions options, GridGeometry geometry, FontSet fonts, int firstFrameIndex = 0,
        uint[]? lastFrame = null, CancellationToken cancellationToken = default)
    {
        var renderer = new FrameRenderer(options, geometry, fonts);
        var meter = new LookMeter(geometry.Columns, geometry.Rows, (frames[0].Width, frames[0].Height), (geometry.RenderWidth, geometry.RenderHeight));
        var yuv = new byte[renderer.Yuv420Length];
        var sourceLuma = new byte[frames[0].Width * frames[0].Height];
        var rendering = new Stopwatch();
        for (var i = 0; i < frames.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rendering.Start();
            renderer.MapCharacters(frames[i], firstFrameIndex + i);
            renderer.ComposeGlyphs();
            renderer.PaintYuv420(yuv);
            rendering.Stop();
            VideoRange.ToFullRange(frames[i].Luma, sourceLuma);
            VideoRange.ToFullRange(yuv.AsSpan(0, geometry.EncodeWidth * geometry.EncodeHeight), yuv.AsSpan(0, geometry.EncodeWidth * geometry.EncodeHeight));
            meter.Observe(sourceLuma, frames[i].Width, yuv, geometry.EncodeWidth, renderer.Cells);
            if (renderer.Palette is { CellColors: { } glyphColors, CellBackgrounds: { } backgrounds })
            {
                meter.ObserveColors(glyphColors, backgrounds);
            }
        }

        if (lastFrame is not null)
        {
            renderer.PaintRgba(lastFrame);
        }

        return LookScore.Of(meter, rendering.Elapsed.TotalMilliseconds / frames.Count);
    }
}
