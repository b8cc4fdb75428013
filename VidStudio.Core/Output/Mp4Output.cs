using VidStudio.Core.Options;

namespace VidStudio.Core.Output;

/// <summary>The H.264 video with the source's audio, <c>video.mp4</c>.</summary>
public static class Mp4Output
{
    public static OutputFormat Format { get; } = new()
    {
        Kind = "Video",
        Save = ConversionParameters.SaveMp4,
        ResultField = "mp4",
        Route = "video",
        ContentType = "video/mp4",
        FileName = ArtifactNames.Video,
        CarriesAudio = true,
        NeedsPixels = true,
        Download = ("MP4", "Movie", 1),
        StartSink = static (context, cancellationToken) => ValueTask.FromResult<IFrameSink>(new Mp4Sink(
            context.Mp4Encoder ?? throw new InvalidOperationException("The converter starts the MP4 encoder before the sinks."), context.Geometry, cancellationToken)),
    };
}
