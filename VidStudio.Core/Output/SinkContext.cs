using VidStudio.Core.Frames;
using VidStudio.Core.Media;
using VidStudio.Core.Options;

namespace VidStudio.Core.Output;

/// <summary>What an output's sink starts from: the job, its planned frames and the renderer that draws them.</summary>
/// <param name="SourceHasAudio">Whether the source has an audio track (the probe says).</param>
/// <param name="PngWorkers">Threads that may encode PNG frames at once.</param>
/// <param name="Mp4Encoder">The MP4 encoder the converter started before the probe answered (it takes ~0.2 s to start), or null without MP4 output.</param>
public sealed record SinkContext(
    FfmpegTools Tools, string Source, bool SourceHasAudio, ConversionOptions Options, string OutputDirectory,
    GridGeometry Geometry, FrameRate Rate, IRenderedFrame Renderer, int PngWorkers, Mp4Encoder? Mp4Encoder)
{
    /// <summary>Where the job's file <paramref name="fileName"/> is written.</summary>
    public string PathOf(string fileName) => Path.Combine(OutputDirectory, fileName);
}
