using VidStudio.Core.Options;

namespace VidStudio.Core.Output;

/// <summary>PNG frames at the source's resolution, <c>frame_XXXXXX.png</c>.</summary>
public static class PngFramesOutput
{
    public static OutputFormat Format { get; } = new()
    {
        Kind = "Png",
        Save = ConversionParameters.SavePng,
        ResultField = "png_files",
        Route = "png",
        ContentType = "image/png",
        FrameFileName = ArtifactNames.PngFrame,
        NeedsPixels = true,
        Compressed = true,
        Download = ("PNG frames", "Image", 2),
        StartSink = static (context, cancellationToken) => ValueTask.FromResult<IFrameSink>(new PngFramesSink(context, cancellationToken)),
    };
}
