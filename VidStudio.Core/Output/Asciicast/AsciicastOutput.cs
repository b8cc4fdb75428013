using VidStudio.Core.Options;

namespace VidStudio.Core.Output.Asciicast;

/// <summary>An asciicast v2 recording for asciinema, <c>animation.cast</c>.</summary>
public static class AsciicastOutput
{
    public const string FileName = "animation.cast";

    public static OutputFormat Format { get; } = new()
    {
        Kind = "Cast",
        Save = ConversionParameters.SaveCast,
        ResultField = "cast",
        Route = "cast",
        ContentType = "application/x-asciicast",
        FileName = AsciicastOutput.FileName,
        Download = ("asciicast", "Terminal", 7),
        StartSink = static (context, _) => ValueTask.FromResult<IFrameSink>(new AsciicastSink(
            new AsciicastWriter(context.PathOf(AsciicastOutput.FileName), context.Geometry.Columns, context.Geometry.Rows), 1 / context.Rate.Value)),
    };
}
