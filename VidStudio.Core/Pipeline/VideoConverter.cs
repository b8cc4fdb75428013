using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
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
    private const int DecodeQueueLength = 4;
    private const int EncodeQueueLength = 3;

    private readonly ConverterSettings _settings = settings ?? new ConverterSettings();

    public async Task<ConversionResult> ConvertAsync(
        string inputPath, string outputDirectory, ConversionOptions options,
        IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.EnsureValid();
        var clock = Stopwatch.StartNew();
        var media = await new VideoProber(tools).ProbeAsync(inputPath, cancellationToken).ConfigureAwait(false);
        var timing = OutputTiming.For(media, options);
        var rate = timing.Rate;
        var expectedFrames = timing.ExpectedFrames;
        var geometry = GridGeometry.For(media, options.Width, fonts.CellAspect);
        var renderer = new FrameRenderer(options, geometry, fonts);
        Directory.CreateDirectory(outputDirectory);

        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = abort.Token;
        Mp4Encoder? encoder = null;
        Task? decoding = null;
        try
        {
            encoder = options.SaveMp4
                ? Mp4Encoder.Start(tools, new EncoderSettings(_settings.EncoderPreset, options.Crf), geometry, rate,
                    media.HasAudio ? inputPath : null, Path.Combine(outputDirectory, ArtifactNames.Video), token)
                : null;
            var decoded = Channel.CreateBounded<YuvFrame>(new BoundedChannelOptions(DecodeQueueLength) { SingleReader = true, SingleWriter = true });
            decoding = PumpDecoderAsync(inputPath, geometry, timing.Resample, decoded.Writer, token);

            var pngQueue = options.SavePng
                ? new BoundedWorkQueue<(int Index, PngFrame Png)>(
                    _settings.PngWorkers * 2, _settings.PngWorkers,
                    (item, _) =>
                    {
                        using (item.Png)
                        {
                            item.Png.Save(Path.Combine(outputDirectory, ArtifactNames.PngFrame(item.Index)));
                        }

                        return ValueTask.CompletedTask;
                    },
                    item => item.Png.Dispose(), token)
                : null;
            var videoQueue = encoder is null
                ? null
                : new BoundedWorkQueue<byte[]>(
                    EncodeQueueLength, 1,
                    async (yuv, ct) =>
                    {
                        await encoder.WriteFrameAsync(yuv.AsMemory(0, renderer.Yuv420Length), ct).ConfigureAwait(false);
                        ArrayPool<byte>.Shared.Return(yuv);
                    },
                    yuv => ArrayPool<byte>.Shared.Return(yuv), token);

            var frames = 0;
            var lastReport = TimeSpan.Zero;
            await foreach (var frame in decoded.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                using (frame)
                {
                    renderer.Render(frame, composePixels: options.SavePng || options.SaveMp4);
                }

                if (options.SaveTxt)
                {
                    renderer.WriteText(Path.Combine(outputDirectory, ArtifactNames.TextFrame(frames)));
                }

                if (videoQueue is not null)
                {
                    var yuv = ArrayPool<byte>.Shared.Rent(renderer.Yuv420Length);
                    renderer.PaintYuv420(yuv);
                    await videoQueue.EnqueueAsync(yuv, token).ConfigureAwait(false);
                }

                if (pngQueue is not null)
                {
                    await pngQueue.EnqueueAsync((frames, renderer.CapturePng()), token).ConfigureAwait(false);
                }

                frames++;
                if (progress is not null && clock.Elapsed - lastReport >= _settings.ProgressInterval)
                {
                    lastReport = clock.Elapsed;
                    progress.Report(Progress(frames, Math.Max(expectedFrames, frames), clock.Elapsed));
                }
            }

            await decoding.ConfigureAwait(false);
            if (pngQueue is not null)
            {
                await pngQueue.CompleteAsync().ConfigureAwait(false);
            }

            if (videoQueue is not null)
            {
                await videoQueue.CompleteAsync().ConfigureAwait(false);
                await encoder!.CompleteAsync(token).ConfigureAwait(false);
            }

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
            if (decoding is not null)
            {
                // The decoder's ffmpeg is killed by the cancellation; wait so it is gone before we return.
                await decoding.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            }

            AtomicFile.DeletePartials(outputDirectory);
        }
    }

    private async Task PumpDecoderAsync(string inputPath, GridGeometry geometry, FrameRate? rate, ChannelWriter<YuvFrame> writer, CancellationToken token)
    {
        await Task.Yield();
        try
        {
            await foreach (var frame in new FrameDecoder(tools).DecodeAsync(inputPath, geometry, rate, null, null, token).ConfigureAwait(false))
            {
                try
                {
                    await writer.WriteAsync(frame, token).ConfigureAwait(false);
                }
                catch
                {
                    frame.Dispose();
                    throw;
                }
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }

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
