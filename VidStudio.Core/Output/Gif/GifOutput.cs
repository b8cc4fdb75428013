using VidStudio.Core.Options;

namespace VidStudio.Core.Output.Gif;

/// <summary>An animated GIF of the rendered frames, <c>animation.gif</c>.</summary>
public static class GifOutput
{
    public const string FileName = "animation.gif";

    public static OutputFormat Format { get; } = new()
    {
        Kind = "Gif",
        Save = ConversionParameters.SaveGif,
        ResultField = "gif",
        Route = "gif",
        ContentType = "image/gif",
        FileName = GifOutput.FileName,
        NeedsPixels = true,
        Download = ("GIF", "Gif", 6),
        StartSink = static (context, cancellationToken) =>
        {
            var (width, height) = (context.Geometry.RenderWidth, context.Geometry.RenderHeight);
            var timing = GifTiming.For(context.Rate, context.Options.GifFps);
            var encoder = GifEncoder.Start(context.Tools, width, height, timing.Rate, GifEncoder.WidthFor(context.Options.GifWidth, context.Geometry),
                GifPalette.For(context.Renderer.Palette), context.PathOf(GifOutput.FileName), cancellationToken);
            return ValueTask.FromResult<IFrameSink>(new RgbaEncoderSink(encoder, width, height, cancellationToken, timing.Takes));
        },
    };
}
