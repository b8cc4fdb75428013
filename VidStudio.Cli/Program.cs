using System.Text.Json;
using System.Text.Json.Serialization;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Rendering;

// vidstudio: the converter engine on the command line, for scripting and measuring without the server.
// Exit codes: 0 done, 1 conversion failed, 2 bad arguments, 3 input not convertible, 130 cancelled.

if (args.Length < 2 || args[0] is not ("convert" or "probe") || (args[0] == "convert" && args.Length < 3))
{
    Console.Error.WriteLine(Usage());
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var tools = new FfmpegTools();
try
{
    if (args[0] == "probe")
    {
        var media = await new VideoProber(tools).ProbeAsync(args[1], cancel.Token);
        Console.WriteLine(JsonSerializer.Serialize(media, CliJson.Default.MediaInfo));
        return 0;
    }

    var options = ConversionOptionsParser.ParseValid(ReadFlags(args.AsSpan(3)), new ConversionOptions());

    // The CLI has no uploads: --font names one of the bundled fonts.
    var bundled = BundledFonts.Find(options.Font) ?? throw new InvalidOptionsException(
        [new(ConversionOptions.FieldNames.Font, $"font must be one of the bundled fonts: {string.Join(", ", BundledFonts.All.Select(f => f.Name))} (got '{options.Font}').")]);
    using var fonts = new FontSet(bundled.Path);
    var converter = new VideoConverter(tools, fonts);
    var progress = new Progress<ConversionProgress>(p =>
        Console.Error.WriteLine($"{p.Message} ({p.Fraction:P0}){(p.EtaSeconds is { } eta ? $", ETA {eta:0.0} s" : "")}"));
    var result = await converter.ConvertAsync(args[1], args[2], options, progress, cancel.Token);
    Console.WriteLine(JsonSerializer.Serialize(new ConversionSummary(
        result.FramesCount,
        result.DurationSeconds,
        result.OutputFps,
        $"{result.Columns}x{result.Rows}",
        $"{result.RenderWidth}x{result.RenderHeight}",
        result.HasAudio,
        result.Artifacts.GroupBy(a => a.Kind).ToDictionary(g => ApiNames.Policy.ConvertName(g.Key), g => new ArtifactTotal(g.Count(), g.Sum(a => a.SizeBytes))),
        Math.Round(result.ProcessingSeconds, 3),
        Math.Round(result.FramesCount / result.ProcessingSeconds, 2)), CliJson.Default.ConversionSummary));
    return 0;
}
catch (InvalidOptionsException e)
{
    foreach (var error in e.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    return 2;
}
catch (VideoInputException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 3;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
catch (Exception e) when (e is ConversionFailedException or FfmpegNotFoundException or FileNotFoundException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

// Built only when printed: it walks the whole parameter table, which a conversion does not need.
static string Usage() => $"""
    usage:
      vidstudio convert INPUT OUTDIR [options]
      vidstudio probe INPUT
    options (a bare boolean flag means true):
    {string.Join(Environment.NewLine, ConversionParameters.All.Select(p => $"  {$"{p.CliFlag} {ValueHint(p)}",-34} {p.Help}{(p.DefaultText is { } d ? $" Default: {d}." : "")}"))}
    Progress goes to stderr; a JSON summary to stdout.
    """;

static string ValueHint(ConversionParameter parameter) => parameter.Kind switch
{
    ParameterKind.Integer or ParameterKind.Number when parameter.Name != ConversionParameters.Seed.Name => $"{parameter.Min}..{parameter.Max}",
    ParameterKind.Integer => "N",
    ParameterKind.Boolean => "[true|false]",
    ParameterKind.Choice => string.Join('|', parameter.Choices!),
    ParameterKind.ChoiceList => string.Join(',', parameter.Choices!) + " (any of, comma-separated)",
    ParameterKind.Color => "#RRGGBB",
    ParameterKind.DynamicChoice => string.Join('|', BundledFonts.All.Select(f => f.Name)),
    _ => "TEXT",
};

// "--save-png false" or a bare "--save-txt" (meaning true); names are the API's, with dashes.
static List<KeyValuePair<string, string?>> ReadFlags(ReadOnlySpan<string> flags)
{
    var pairs = new List<KeyValuePair<string, string?>>();
    for (var i = 0; i < flags.Length; i++)
    {
        var name = flags[i].StartsWith("--", StringComparison.Ordinal) ? flags[i][2..] : flags[i];
        var hasValue = i + 1 < flags.Length && !flags[i + 1].StartsWith("--", StringComparison.Ordinal);
        pairs.Add(new(name, hasValue ? flags[++i] : "true"));
    }

    return pairs;
}

/// <summary>The JSON summary of a conversion on stdout.</summary>
internal sealed record ConversionSummary(
    int FramesCount, double DurationSeconds, double OutputFps, string Grid, string Resolution, bool HasAudio,
    Dictionary<string, ArtifactTotal> Artifacts, double Seconds, double FramesPerSecond);

internal sealed record ArtifactTotal(int Count, long Bytes);

/// <summary>
/// The API's snake_case names (<see cref="ApiNames"/>), generated at build time: the CLI is published Native AOT, which
/// has no reflection-based serialisation.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MediaInfo))]
[JsonSerializable(typeof(ConversionSummary))]
internal sealed partial class CliJson : JsonSerializerContext;
