using VidStudio.Core.Options;

namespace VidStudio.Core.Output.WebmAlpha;

/// <summary>VP9 with alpha and the source's audio, for compositing, <c>video_alpha.webm</c>.</summary>
public static class WebmAlphaOutput
{
    public const string FileName = "video_alpha.webm";

    public static OutputFormat Format { get; } = new()
    {
        Kind = "Webm",
        Save = ConversionParameters.SaveWebmAlpha,
        ResultField = "webm_alpha",
        Route = "webm",
        ContentType = "video/webm",
        FileName = WebmAlphaOutput.FileName,
        CarriesAudio = true,
        NeedsPixels = true,
        Download = ("WebM with alpha", "Layers", 5),
        StartSink = static (context, cancellationToken) =>
        {
            var (width, height) = (context.Geometry.RenderWidth, context.Geometry.RenderHeight);
            var encoder = WebmAlphaEncoder.Start(context.Tools, context.Source, width, height, context.Rate, context.PathOf(WebmAlphaOutput.FileName), cancellationToken);
            return ValueTask.FromResult<IFrameSink>(new RgbaEncoderSink(encoder, width, height, cancellationToken));
        },
    };
}
