using System.Buffers;
using System.Diagnostics;
using VidStudio.Core.Mapping;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Output;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// Converts one video: probe → decode → map → render → write. Decoding, PNG encoding and H.264 encoding run
/// concurrently behind bounded queues; frames live in pooled buffers, so memory does not grow with the video's length.
/// </summary>
public sealed class VideoConverter(FfmpegTools tools, FontSet fonts, ConverterSettings? settings = null)
{
    /// <summary>
    /// Frames the decoder may run ahead. It starts while ffprobe still runs (~0.2 s during which nothing can be
    /// rendered): with room for 4 frames it stalled almost at once, with 32 (≤ 20 MB at the largest analysis size) a
    /// 250-frame 360p text job went from ~405 to ~447 f/s here.
    /// </summary>
    private const int DecodeQueueLength = 32;
    private const int EncodeQueueLength = 3;

    /// <summary>Frames between checks of the output's size against <see cref="ConversionLimits.MaxOutputBytes"/>.</summary>
    private const int OutputSizeCheckInterval = 16;

    private readonly ConverterSettings _settings = settings ?? new ConverterSettings();

    public Task<ConversionResult> ConvertAsync(
        string inputPath, string outputDirectory, ConversionOptions options,
        IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ConvertAsync(new ConversionRequest(inputPath, outputDirectory, options), progress, cancellationToken);

    public async Task<ConversionResult> ConvertAsync(ConversionRequest request, IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (inputPath, outputDirectory, options) = request;
        options.EnsureValid();
        var limits = _settings.Limits;
        // A plan from a probe the caller already made: decoder and encoder start right the first time, and no ffprobe runs.
        var known = request.Media is { } knownMedia ? ConversionPlan.For(knownMedia, options, fonts.CellAspect, limits) : null;
        var clock = Stopwatch.StartNew();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = abort.Token;

        // ffprobe and ffmpeg each take ~0.2-0.3 s to start, so decoding starts while the file is still being probed.
        // The guess of the frame rate filter holds unless the source turns out to have a variable rate.
        var guessedRate = known is not null ? known.Timing.Resample : options.Fps is { } fps ? FrameRate.FromInteger(fps) : (FrameRate?)null;
        // x264 saturates the cores, so with MP4 output the decoder's own threads would only add overhead. (PNG writing is
        // light enough that PNG-only jobs still gain from them: ~150 against ~140 f/s at 1080p.)
        var decoder = new FrameDecoder(tools, singleThreaded: options.SaveMp4);
        var decoding = decoder.Start(new DecodeRequest(inputPath) { Rate = guessedRate, ReadAhead = DecodeQueueLength }, token);
        // The encoder starts now too, guessing its audio can be copied (true when the source is silent or has AAC, as
        // most do); the probe corrects the guess before anything is written.
        var encoderSettings = new EncoderSettings(_settings.EncoderPreset, options.Crf);
        var videoPath = Path.Combine(outputDirectory, ArtifactNames.Video);
        Mp4Encoder? encoder = null;
        try
        {
            encoder = options.SaveMp4 ? Mp4Encoder.Start(tools, encoderSettings, inputPath, CopiesAudio(known?.Media), videoPath, token) : null;
            var (media, timing, geometry) = known
                ?? ConversionPlan.For(await new VideoProber(tools).ProbeAsync(inputPath, token).ConfigureAwait(false), options, fonts.CellAspect, limits);
            if (guessedRate is null && timing.Resample is not null)
            {
                await decoding.DisposeAsync().ConfigureAwait(false);
                decoding = decoder.Start(new DecodeRequest(inputPath) { Rate = timing.Resample, ReadAhead = DecodeQueueLength }, token);
            }

            var rate = timing.Rate;
            var expectedFrames = timing.ExpectedFrames;
            var renderer = new FrameRenderer(options, geometry, fonts);
            var yuvLength = PixelConverter.Yuv420Length(geometry);
            var frameLength = Mp4Encoder.FramePrefixLength + yuvLength;
            Directory.CreateDirectory(outputDirectory);

            if (encoder is not null)
            {
                var copyAudio = CopiesAudio(media);
                if (encoder.CopiesAudio != copyAudio)
                {
                    encoder.Dispose();
                    encoder = Mp4Encoder.Start(tools, encoderSettings, inputPath, copyAudio, videoPath, token);
                }

                await encoder.WriteStreamHeaderAsync(geometry, rate, token).ConfigureAwait(false);
            }

            // Bytes of the frame files written so far (PNG workers add theirs); the MP4's size is read as it grows.
            long frameBytes = 0;
            var pngQueue = options.SavePng
                ? new BoundedWorkQueue<(int Index, PngFrame Png)>(
                    _settings.PngWorkers * 2, _settings.PngWorkers,
                    (item, _) =>
                    {
                        using (item.Png)
                        {
                            Interlocked.Add(ref frameBytes, item.Png.Save(Path.Combine(outputDirectory, ArtifactNames.PngFrame(item.Index))));
                        }

                        return ValueTask.CompletedTask;
                    },
                    item => item.Png.Dispose(), token)
                : null;
            var videoQueue = encoder is null
                ? null
                : new BoundedWorkQueue<byte[]>(
                    EncodeQueueLength, 1,
                    async (encoded, ct) =>
                    {
                        await encoder.WriteFrameAsync(encoded.AsMemory(0, frameLength), ct).ConfigureAwait(false);
                        ArrayPool<byte>.Shared.Return(encoded);
                    },
                    yuv => ArrayPool<byte>.Shared.Return(yuv), token);

            var frames = 0;
            var lastReport = TimeSpan.Zero;
            await foreach (var frame in decoding.Frames.ReadAllAsync(token).ConfigureAwait(false))
            {
                using (frame)
                {
                    renderer.MapCharacters(frame);
                }

                if (options.SavePng || options.SaveMp4)
                {
                    renderer.ComposeGlyphs();
                }

                if (options.SaveTxt)
                {
                    Interlocked.Add(ref frameBytes, renderer.WriteText(Path.Combine(outputDirectory, ArtifactNames.TextFrame(frames))));
                }

                if (videoQueue is not null)
                {
                    var encoded = ArrayPool<byte>.Shared.Rent(frameLength);
                    renderer.PaintYuv420(encoded.AsSpan(Mp4Encoder.FramePrefixLength, yuvLength));
                    await videoQueue.EnqueueAsync(encoded, token).ConfigureAwait(false);
                }

                if (pngQueue is not null)
                {
                    await pngQueue.EnqueueAsync((frames, renderer.CapturePng()), token).ConfigureAwait(false);
                }

                frames++;
                if (frames > limits.MaxOutputFrames)
                {
                    // The probe's duration understated the video (a damaged or hostile container).
                    throw new ConversionFailedException($"The video yields more than {limits.MaxOutputFrames} frames (setting MaxOutputFrames).");
                }

                if (frames % OutputSizeCheckInterval == 0)
                {
                    limits.CheckOutputBytes(Volatile.Read(ref frameBytes) + (encoder?.BytesWritten ?? 0), frames);
                }

                if (progress is not null && clock.Elapsed - lastReport >= _settings.ProgressInterval)
                {
                    lastReport = clock.Elapsed;
                    progress.Report(Progress(frames, Math.Max(expectedFrames, frames), clock.Elapsed));
                }
            }

            if (pngQueue is not null)
            {
                await pngQueue.CompleteAsync().ConfigureAwait(false);
            }

            if (videoQueue is not null)
            {
                await videoQueue.CompleteAsync().ConfigureAwait(false);
                await encoder!.CompleteAsync(token).ConfigureAwait(false);
            }

            limits.CheckOutputBytes(Volatile.Read(ref frameBytes) + (options.SaveMp4 ? new FileInfo(videoPath).Length : 0), frames);
            progress?.Report(Progress(frames, frames, clock.Elapsed));
            return new ConversionResult(
                frames, frames / rate.Value, rate.Value, geometry.Columns, geometry.Rows, geometry.RenderWidth, geometry.RenderHeight,
                media.HasAudio && options.SaveMp4, ListArtifacts(outputDirectory, frames, options), clock.Elapsed.TotalSeconds);
        }
        catch
        {
            abort.Cancel();
            throw;
        }
        finally
        {
            encoder?.Dispose();
            await decoding.DisposeAsync().ConfigureAwait(false);
            AtomicFile.DeletePartials(outputDirectory);
        }
    }

    /// <summary>AAC (or no audio) is copied; anything else is encoded. Unknown yet: guess copy, as most sources allow.</summary>
    private static bool CopiesAudio(MediaInfo? media) => media?.AudioCodec is null or "aac";

    private static ConversionProgress Progress(int done, int total, TimeSpan elapsed)
    {
        double? eta = done == 0 ? null : elapsed.TotalSeconds / done * Math.Max(0, total - done);
        return new ConversionProgress(done, total, elapsed.TotalSeconds, eta);
    }

    private static List<Artifact> ListArtifacts(string directory, int frames, ConversionOptions options)
    {
        var artifacts = new List<Artifact>();
        if (options.SaveMp4)
        {
            Add(ArtifactKind.Video, ArtifactNames.Video);
        }

        for (var i = 0; i < frames; i++)
        {
            if (options.SaveTxt)
            {
                Add(ArtifactKind.Text, ArtifactNames.TextFrame(i));
            }

            if (options.SavePng)
            {
                Add(ArtifactKind.Png, ArtifactNames.PngFrame(i));
            }
        }

        return artifacts;

        void Add(ArtifactKind kind, string name) => artifacts.Add(new Artifact(kind, name, new FileInfo(Path.Combine(directory, name)).Length));
    }
}
