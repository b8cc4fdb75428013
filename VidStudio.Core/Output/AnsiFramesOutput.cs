using VidStudio.Core.Options;

namespace VidStudio.Core.Output;

/// <summary>ANSI-coloured text frames for terminals, <c>frame_XXXXXX.ans</c>.</summary>
public static class AnsiFramesOutput
{
    public static OutputFormat Format { get; } = new()
    {
        Kind = "Ansi",
        Save = ConversionParameters.SaveAnsi,
        ResultField = "ansi_files",
        Route = "ansi",
        ContentType = "text/plain; charset=utf-8",
        FrameFileName = ArtifactNames.AnsiFrame,
        Download = ("ANSI frames", "Palette", 8),
        StartSink = static (context, _) =>
            ValueTask.FromResult<IFrameSink>(new FrameFilesSink(context, ArtifactNames.AnsiFrame, static (frame, path) => frame.WriteAnsi(path))),
    };
}
