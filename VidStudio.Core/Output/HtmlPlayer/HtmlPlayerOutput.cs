using VidStudio.Core.Mapping;
using VidStudio.Core.Options;

namespace VidStudio.Core.Output.HtmlPlayer;

/// <summary>A self-contained HTML player of the frames with the source's audio, <c>player.html</c>.</summary>
public static class HtmlPlayerOutput
{
    public const string FileName = "player.html";

    public static OutputFormat Format { get; } = new()
    {
        Kind = "Html",
        Save = ConversionParameters.SaveHtml,
        ResultField = "html_player",
        Route = "html",
        ContentType = "text/html; charset=utf-8",
        FileName = HtmlPlayerOutput.FileName,
        CarriesAudio = true,
        Download = ("HTML player", "Html", 4),
        // Not an installation's cap but a browser's: no setting lifts it.
        CheckPlan = static (geometry, frames, options) => HtmlPlayerWriter.CheckSize(geometry, frames, GlyphSet.For(options).Count, options),
        StartSink = HtmlPlayerSink.StartAsync,
    };
}
