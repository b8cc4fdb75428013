using System.Diagnostics;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Output;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// Converts one video: probe → decode → map → render → write. Decoding, PNG encoding and H.264 encoding run
/// concurrently behind bounded queues (<see cref="FrameSinks"/>); frames live in pooled buffers, so memory does not
/// grow with the video's length. The steps: <see cref="StartStages"/> before the probe is known,
/// <see cref="ReconcileWithProbeAsync"/> once it is, then <see cref="RenderFramesAsync"/>.
/// </summary>
public sealed class VideoConverter(FfmpegTools tools, FontSet fonts, ConverterSettings? settings = null)
{
    /// <summary>
    /// Frames the decoder may run ahead. It starts while ffprobe still runs (~0.2 s during which nothing can be
    /// rendered): with room for 4 frames it stalled almost at once, with 32 (≤ 20 MB at the largest analysis size) a
    /// 250-frame 360p text job went from ~405 to ~447 f/s here.
    /// </summary>
    private const int DecodeQueueLength = 32;

    /// <summary>
    /// Frames the decoder may run ahead when x264 encodes: x264 is then what the job waits for, so a full queue of
    /// <see cref="DecodeQueueLength"/> only held memory (~11 MB a job at the largest analysis size).
    /// </summary>
    private const int EncodingDecodeQueueLength = 8;

    /// <summary>Frames between checks of the output's size against <see cref="ConversionLimits.MaxOutputBytes"/>.</summary>
    private const int OutputSizeCheckInterval = 16;

    private readonly ConverterSettings _settings = settings ?? new ConverterSettings();
    private readonly ConversionPlanner _planner = new(fonts, (settings ?? new ConverterSettings()).Limits);

    public Task<ConversionResult> ConvertAsync(
        string inputPath, string outputDirectory, ConversionOptions options,
        IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ConvertAsync(new ConversionRequest(inputPath, outputDirectory, options), progress, cancellationToken);

    public async Task<ConversionResult> ConvertAsync(ConversionRequest request, IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        request.Options.EnsureValid();
        var clock = Stopwatch.StartNew();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = abort.Token;
        // A plan from a probe the caller already made: decoder and encoder start right the first time, and no ffprobe runs.
        var known = request.Media is { } media ? _planner.Plan(media, request.Options, request.Font) : null;
        var stages = new Stages();
        try
        {
            // The plan waits for the probe alone, so ffprobe starts first; each ffmpeg start after it is ~50 ms of the fixed cost.
            var probing = known is null ? new VideoProber(tools).ProbeAsync(request.InputPath, token) : null;
            StartStages(stages, request, known, token);
            var plan = await ReconcileWithProbeAsync(stages, request, known, probing, token).ConfigureAwait(false);
            Directory.CreateDirectory(request.OutputDirectory);
            var renderer = new FrameRenderer(request.Options, plan.Geometry, request.Font ?? fonts);
            var context = new SinkContext(tools, request.InputPath, plan.Media.HasAudio, request.Options, request.OutputDirectory, plan.Geometry, plan.Timing.Rate,
                renderer, _settings.PngWorkers, stages.Encoder);
            var sinks = await FrameSinks.StartAsync(request.Options, context, token).ConfigureAwait(false);
            await using (sinks.ConfigureAwait(false))
            {
                var (frames, firstFrame) = await RenderFramesAsync(stages.Decoding!, renderer, sinks, plan.Timing.ExpectedFrames, progress, clock, token).ConfigureAwait(false);
                await sinks.CompleteAsync(frames, token).ConfigureAwait(false);

                var options = request.Options;
                _settings.Limits.CheckOutputBytes(sinks.BytesWritten, frames);
                progress?.Report(Progress(frames, frames, clock.Elapsed));
                var (geometry, rate) = (plan.Geometry, plan.Timing.Rate.Value);
                return new ConversionResult(
                    frames, frames / rate, rate, geometry.Columns, geometry.Rows, geometry.RenderWidth, geometry.RenderHeight,
                    plan.Media.HasAudio && OutputFormats.CarriesAudio(options), ListArtifacts(request.OutputDirectory, frames, options), clock.Elapsed.TotalSeconds,
                    firstFrame.TotalSeconds);
            }
        }
        catch
        {
            abort.Cancel();
            throw;
        }
        finally
        {
            await stages.DisposeAsync().ConfigureAwait(false);
            AtomicFile.DeletePartials(request.OutputDirectory);
        }
    }

    /// <summary>
    /// Starts ffmpeg's decoder and (for MP4 output) its encoder while the probe runs: each takes ~0.2-0.3 s to start.
    /// Without a known probe they start on guesses, which <see cref="ReconcileWithProbeAsync"/> corrects.
    /// </summary>
    private void StartStages(Stages stages, ConversionRequest request, ConversionPlan? known, CancellationToken cancellationToken)
    {
        var options = request.Options;
        // The guess of the frame rate filter holds unless the source turns out to have a variable rate.
        stages.GuessedRate = known is not null ? known.Timing.Resample : options.Fps is { } fps ? FrameRate.FromInteger(fps) : null;
        // x264 saturates the cores, so with MP4 output the decoder's own threads would only add overhead. (PNG writing is
        // light enough that PNG-only jobs still gain from them: ~150 against ~140 f/s at 1080p.)
        stages.Decoder = new FrameDecoder(tools, singleThreaded: options.SaveMp4);
        stages.Decoding = stages.Decoder.Start(Decode(request, stages.GuessedRate), cancellationToken);
        // The encoder guesses its audio can be copied (true when the source is silent or has AAC or MP3, as most do).
        stages.Encoder = options.SaveMp4 ? StartEncoder(request, CopiesAudio(known?.Media), cancellationToken) : null;
    }

    /// <summary>The plan (known, or from the running probe), with the guesses of <see cref="StartStages"/> corrected before anything is written.</summary>
    private async Task<ConversionPlan> ReconcileWithProbeAsync(
        Stages stages, ConversionRequest request, ConversionPlan? known, Task<MediaInfo>? probing, CancellationToken cancellationToken)
    {
        var plan = known ?? _planner.Plan(await probing!.ConfigureAwait(false), request.Options, request.Font);
        if (stages.GuessedRate is null && plan.Timing.Resample is not null)
        {
            await stages.Decoding!.DisposeAsync().ConfigureAwait(false);
            stages.Decoding = stages.Decoder!.Start(Decode(request, plan.Timing.Resample), cancellationToken);
        }

        if (stages.Encoder is not null)
        {
            var copyAudio = CopiesAudio(plan.Media);
            if (stages.Encoder.CopiesAudio != copyAudio)
            {
                stages.Encoder.Dispose();
                stages.Encoder = StartEncoder(request, copyAudio, cancellationToken);
            }

            await stages.Encoder.WriteStreamHeaderAsync(plan.Geometry, plan.Timing.Rate, cancellationToken).ConfigureAwait(false);
        }

        return plan;
    }

    /// <summary>The frame loop: map every decoded frame, draw it when a sink needs pixels, hand it to the sinks. Returns the frames and when the first was handed over.</summary>
    private async Task<(int Frames, TimeSpan FirstFrame)> RenderFramesAsync(
        FrameDecoder.DecodingSession decoding, FrameRenderer renderer, FrameSinks sinks, int expectedFrames,
        IProgress<ConversionProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var limits = _settings.Limits;
        var frames = 0;
        var firstFrame = TimeSpan.Zero;
        var lastReport = TimeSpan.Zero;
        await foreach (var frame in decoding.Frames.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            using (frame)
            {
                renderer.MapCharacters(frame);
            }

            if (sinks.NeedPixels(frames))
            {
                renderer.ComposeGlyphs();
            }

            await sinks.WriteAsync(renderer, frames, cancellationToken).ConfigureAwait(false);
            if (frames == 0)
            {
                firstFrame = clock.Elapsed;
            }

            frames++;
            if (frames > limits.MaxOutputFrames)
            {
                // The probe's duration understated the video (a damaged or hostile container).
                throw new ConversionFailedException($"The video yields more than {limits.MaxOutputFrames} frames (setting MaxOutputFrames).");
            }

            if (frames % OutputSizeCheckInterval == 0)
            {
                limits.CheckOutputBytes(sinks.BytesWritten, frames);
            }

            if (progress is not null && clock.Elapsed - lastReport >= _settings.ProgressInterval)
            {
                lastReport = clock.Elapsed;
                progress.Report(Progress(frames, Math.Max(expectedFrames, frames), clock.Elapsed));
            }
        }

        return (frames, firstFrame);
    }

    private static DecodeRequest Decode(ConversionRequest request, FrameRate? rate) =>
        new(request.InputPath) { Rate = rate, ReadAhead = request.Options.SaveMp4 ? EncodingDecodeQueueLength : DecodeQueueLength };

    private Mp4Encoder StartEncoder(ConversionRequest request, bool copyAudio, CancellationToken cancellationToken) =>
        Mp4Encoder.Start(tools, new EncoderSettings(_settings.EncoderPreset, request.Options.Crf), request.InputPath, copyAudio,
            Path.Combine(request.OutputDirectory, ArtifactNames.Video), cancellationToken);

    /// <summary>
    /// AAC and MP3 (or no audio) are copied: MP4 holds both and every browser plays both from it. Anything else is
    /// encoded. Unknown yet: guess copy, as most sources allow.
    /// </summary>
    private static bool CopiesAudio(MediaInfo? media) => media?.AudioCodec is null or "aac" or "mp3";

    /// <summary>The running ffmpeg processes of one conversion; either may be restarted once the probe is known.</summary>
    private sealed class Stages : IAsyncDisposable
    {
        public FrameDecoder? Decoder { get; set; }

        public FrameRate? GuessedRate { get; set; }

        public FrameDecoder.DecodingSession? Decoding { get; set; }

        public Mp4Encoder? Encoder { get; set; }

        public async ValueTask DisposeAsync()
        {
            Encoder?.Dispose();
            if (Decoding is not null)
            {
                await Decoding.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static ConversionProgress Progress(int done, int total, TimeSpan elapsed)
    {
        double? eta = done == 0 ? null : elapsed.TotalSeconds / done * Math.Max(0, total - done);
        return new ConversionProgress(done, total, elapsed.TotalSeconds, eta);
    }

    /// <summary>The files of every asked-for output: one-file outputs first (the MP4 leads), then the frames' files.</summary>
    private static List<Artifact> ListArtifacts(string directory, int frames, ConversionOptions options) =>
        OutputFormats.Requested(options).OrderBy(format => format.PerFrame)
            .SelectMany(format => format.FileNames(frames).Select(name => new Artifact(format.Kind, name, new FileInfo(Path.Combine(directory, name)).Length)))
            .ToList();
}
