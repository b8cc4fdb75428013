using VidStudio.Core.Options;

namespace VidStudio.Core.Output;

/// <summary>Text frames, <c>frame_XXXXXX.txt</c>.</summary>
public static class TextFramesOutput
{
    public static OutputFormat Format { get; } = new()
    {
        Kind = "Text",
        Save = ConversionParameters.SaveTxt,
        ResultField = "txt_files",
        Route = "txt",
        ContentType = "text/plain; charset=utf-8",
        FrameFileName = ArtifactNames.TextFrame,
        Download = ("Text frames", "TextSnippet", 3),
        StartSink = static (context, _) =>
            ValueTask.FromResult<IFrameSink>(new FrameFilesSink(context, ArtifactNames.TextFrame, static (frame, path) => frame.WriteText(path))),
    };
}
