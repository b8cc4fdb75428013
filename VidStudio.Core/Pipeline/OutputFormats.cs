using VidStudio.Core.Options;
using VidStudio.Core.Output;
using VidStudio.Core.Output.Asciicast;
using VidStudio.Core.Output.Gif;
using VidStudio.Core.Output.HtmlPlayer;
using VidStudio.Core.Output.WebmAlpha;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// The registry of outputs: one line per output, in the order of the parameter table's <c>save_*</c> switches (which is
/// also the order of a job result's artifacts). The converter, the plan, the API's downloads and results and the job
/// page iterate it; nothing else lists the outputs.
/// </summary>
public static class OutputFormats
{
    public static IReadOnlyList<OutputFormat> All { get; } =
    [
        TextFramesOutput.Format,
        PngFramesOutput.Format,
        Mp4Output.Format,
        AnsiFramesOutput.Format,
        AsciicastOutput.Format,
        GifOutput.Format,
        WebmAlphaOutput.Format,
        HtmlPlayerOutput.Format,
    ];

    /// <summary>The outputs' <c>save_*</c> switches in order, as the Studio shows them (the same entries as <see cref="ConversionParameters.Outputs"/>).</summary>
    public static IReadOnlyList<ConversionParameter> SaveParameters { get; } = All.Select(format => format.Save).ToArray();

    public static IEnumerable<OutputFormat> Requested(ConversionOptions options) => All.Where(format => format.IsRequested(options));

    /// <summary>Whether an asked-for output carries the source's audio.</summary>
    public static bool CarriesAudio(ConversionOptions options) => Requested(options).Any(format => format.CarriesAudio);

    /// <summary>The output whose artifacts are of <paramref name="kind"/>, or null.</summary>
    public static OutputFormat? ByKind(string kind) => All.FirstOrDefault(format => format.Kind == kind);

    /// <summary>The output downloaded at <paramref name="route"/>, or null.</summary>
    public static OutputFormat? ByRoute(string route) => All.FirstOrDefault(format => format.Route == route);
}
