using VidStudio.Core.Options;

namespace VidStudio.Core.Output;

/// <summary>VP9 with alpha and the source's audio, for compositing, <c>video_alpha.webm</c>.</summary>
public static class WebmAlphaOutput
{
    public static OutputFormat Format { get; } = new()
    {
        Kind = "Webm",
        Save = ConversionParameters.SaveWebmAlpha,
        ResultField = "webm_alpha",
        Route = "webm",
        ContentType = "video/webm",
        FileName = ArtifactNames.WebmAlpha,
        CarriesAudio = true,
        NeedsPixels = true,
        Download = ("WebM with alpha", "Layers", 5),
        StartSink = static (context, cancellationToken) =>
        {
            var (width, height) = (context.Geometry.RenderWidth, context.Geometry.RenderHeight);
            var encoder = WebmAlphaEncoder.Start(context.Tools, context.Source, width, height, context.Rate, context.PathOf(ArtifactNames.WebmAlpha), cancellationToken);
            return ValueTask.FromResult<IFrameSink>(new RgbaEncoderSink(encoder, width, height, cancellationToken));
        },
    };
}
