using VidStudio.Core.Frames;
using VidStudio.Core.Options;

namespace VidStudio.Core.Output;

/// <summary>
/// One output of a conversion, described once: how it is asked for (its <c>save_*</c> switch), stored, listed in a job's
/// result, downloaded and shown on the job page, what it needs from the pipeline, and how its sink starts. The registry
/// (<c>OutputFormats</c>) lists them and every layer iterates it, so a new output is its folder and one registry line.
/// </summary>
public sealed class OutputFormat
{
    /// <summary>What its artifacts are, as stored with each of them (<c>Html</c>); the CLI's summary shows it in snake_case.</summary>
    public required string Kind { get; init; }

    /// <summary>Its switch in the parameter table (<c>save_html</c>).</summary>
    public required ConversionParameter Save { get; init; }

    /// <summary>Its property in a job result's <c>artifacts</c>: a list of paths for per-frame outputs, one path otherwise.</summary>
    public required string ResultField { get; init; }

    /// <summary>Its download, <c>/api/v1/download/{job_id}/{route}</c>: the file, or a ZIP of the frames' files.</summary>
    public required string Route { get; init; }

    /// <summary>The content type of its files.</summary>
    public required string ContentType { get; init; }

    /// <summary>The one file it writes; null when it writes one per frame (<see cref="FrameFileName"/>).</summary>
    public string? FileName { get; init; }

    /// <summary>The file of frame <c>n</c> for outputs that write one per frame; null for one-file outputs.</summary>
    public Func<int, string>? FrameFileName { get; init; }

    /// <summary>Whether it carries the source's audio.</summary>
    public bool CarriesAudio { get; init; }

    /// <summary>Whether it needs the glyphs drawn into pixels (text outputs do not).</summary>
    public bool NeedsPixels { get; init; }

    /// <summary>Whether its files are compressed already, so a ZIP stores them as they are.</summary>
    public bool Compressed { get; init; }

    /// <summary>The job page's download button: its label, a Material icon's name, and its place among the buttons (ascending).</summary>
    public required (string Label, string Icon, int Order) Download { get; init; }

    /// <summary>Why a conversion of this plan cannot produce it (frames of this size, this many), or null; asked before the job is queued.</summary>
    public Func<GridGeometry, long, ConversionOptions, string?>? CheckPlan { get; init; }

    /// <summary>Starts its sink: files opened, ffmpeg children running.</summary>
    public required Func<SinkContext, CancellationToken, ValueTask<IFrameSink>> StartSink { get; init; }

    public bool PerFrame => FrameFileName is not null;

    public bool IsRequested(ConversionOptions options) => Save.IsOn(options);

    /// <summary>The files it writes for a job of <paramref name="frames"/> frames.</summary>
    public IEnumerable<string> FileNames(int frames) =>
        FrameFileName is { } frameFile ? Enumerable.Range(0, frames).Select(frameFile) : [FileName!];
}
