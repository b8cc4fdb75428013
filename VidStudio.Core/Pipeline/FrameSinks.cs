using System.Buffers;
using VidStudio.Core.Frames;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;
using VidStudio.Core.Output;
using VidStudio.Core.Output.HtmlPlayer;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// Where a job's rendered frames go: text files written inline (they are cheap), PNG files and MP4 frames handed to
/// their own workers behind bounded queues so encoding overlaps the next frame's rendering. Counts the bytes written
/// so the converter can enforce <see cref="ConversionLimits.MaxOutputBytes"/> while the job runs.
/// </summary>
internal sealed class FrameSinks : IAsyncDisposable
{
    private const int EncodeQueueLength = 3;

    private readonly ConversionOptions _options;
    private readonly string _outputDirectory;
    private readonly Mp4Encoder? _encoder;
    private readonly AsciicastWriter? _cast;
    private readonly HtmlPlayerWriter? _html;
    private readonly List<RgbaEncoderSink> _rgbaSinks = [];
    private readonly double _frameSeconds;
    private readonly BoundedWorkQueue<(int Index, PngFrame Png)>? _pngQueue;
    private readonly BoundedWorkQueue<byte[]>? _videoQueue;
    private readonly int _yuvLength, _videoFrameLength;
    private long _frameBytes;

    public FrameSinks(
        FfmpegTools tools, string source, ConversionOptions options, string outputDirectory, Mp4Encoder? encoder, FrameRenderer renderer, ConversionPlan plan,
        int pngWorkers, CancellationToken cancellationToken)
    {
        var (geometry, rate) = (plan.Geometry, plan.Timing.Rate);
        var yuvLength = PixelConverter.Yuv420Length(geometry);
        _options = options;
        _frameSeconds = 1 / rate.Value;
        _outputDirectory = outputDirectory;
        _encoder = encoder;
        _yuvLength = yuvLength;
        _videoFrameLength = Mp4Encoder.FramePrefixLength + yuvLength;
        try
        {
            _cast = options.SaveCast ? new AsciicastWriter(Path.Combine(outputDirectory, ArtifactNames.Cast), geometry.Columns, geometry.Rows) : null;
            _html = options.SaveHtml
                ? new HtmlPlayerWriter(Path.Combine(outputDirectory, ArtifactNames.HtmlPlayer), renderer.Layout, renderer.Atlas, renderer.Glyphs.Count, options,
                    renderer.Palette, rate, tools, plan.Media.HasAudio ? source : null, cancellationToken)
                : null;
            if (options.SavePng)
            {
                _pngQueue = new BoundedWorkQueue<(int Index, PngFrame Png)>(pngWorkers * 2, pngWorkers, WritePngAsync, item => item.Png.Dispose(), cancellationToken);
            }

            if (encoder is not null)
            {
                _videoQueue = new BoundedWorkQueue<byte[]>(EncodeQueueLength, 1, WriteVideoFrameAsync, frame => ArrayPool<byte>.Shared.Return(frame), cancellationToken);
            }

            var (width, height) = (geometry.RenderWidth, geometry.RenderHeight);
            if (options.SaveGif)
            {
                _rgbaSinks.Add(new RgbaEncoderSink(
                    GifEncoder.Start(tools, width, height, rate, GifEncoder.WidthFor(options.GifWidth, width), Path.Combine(outputDirectory, ArtifactNames.Gif), cancellationToken),
                    width, height, cancellationToken));
            }

            if (options.SaveWebmAlpha)
            {
                _rgbaSinks.Add(new RgbaEncoderSink(
                    WebmAlphaEncoder.Start(tools, source, width, height, rate, Path.Combine(outputDirectory, ArtifactNames.WebmAlpha), cancellationToken),
                    width, height, cancellationToken));
            }
        }
        catch
        {
            // The caller's using has nothing to dispose yet: the sinks started so far (files, ffmpeg children) are ended
            // here. Nothing was queued, so their workers stop at once and the wait is short.
            DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Whether any sink needs the glyphs drawn (text alone does not).</summary>
    public bool NeedPixels => _options.SavePng || _encoder is not null || _rgbaSinks.Count > 0;

    /// <summary>Bytes of everything written so far: frame files as they finish, the MP4 and the recording as they grow.</summary>
    public long BytesWritten => Volatile.Read(ref _frameBytes) + (_encoder?.BytesWritten ?? 0) + (_cast?.BytesWritten ?? 0) + (_html?.BytesWritten ?? 0) + _rgbaSinks.Sum(sink => sink.BytesWritten);

    /// <summary>Hands the renderer's current frame to every sink; returns once the queued sinks have room for it.</summary>
    public async ValueTask WriteAsync(FrameRenderer renderer, int index, CancellationToken cancellationToken)
    {
        if (_options.SaveTxt)
        {
            Interlocked.Add(ref _frameBytes, renderer.WriteText(Path.Combine(_outputDirectory, ArtifactNames.TextFrame(index))));
        }

        if (_options.SaveAnsi)
        {
            Interlocked.Add(ref _frameBytes, renderer.WriteAnsi(Path.Combine(_outputDirectory, ArtifactNames.AnsiFrame(index))));
        }

        _cast?.AddFrame(index * _frameSeconds, renderer.FormatAnsi("\r\n"));
        _html?.AddFrame(renderer.Cells);

        if (_videoQueue is not null)
        {
            var frame = ArrayPool<byte>.Shared.Rent(_videoFrameLength);
            renderer.PaintYuv420(frame.AsSpan(Mp4Encoder.FramePrefixLength, _yuvLength));
            await _videoQueue.EnqueueAsync(frame, cancellationToken).ConfigureAwait(false);
        }

        if (_pngQueue is not null)
        {
            await _pngQueue.EnqueueAsync((index, renderer.CapturePng()), cancellationToken).ConfigureAwait(false);
        }

        foreach (var sink in _rgbaSinks)
        {
            await sink.EnqueueAsync(renderer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the queued frames and finishes the MP4 and the recording; rethrows a worker's failure.</summary>
    public async Task CompleteAsync(int frames, CancellationToken cancellationToken)
    {
        if (_cast is not null)
        {
            Interlocked.Add(ref _frameBytes, _cast.Complete(frames * _frameSeconds) - _cast.BytesWritten);
        }

        if (_html is not null)
        {
            Interlocked.Add(ref _frameBytes, await _html.CompleteAsync(frames, cancellationToken).ConfigureAwait(false) - _html.BytesWritten);
        }

        if (_pngQueue is not null)
        {
            await _pngQueue.CompleteAsync().ConfigureAwait(false);
        }

        if (_videoQueue is not null)
        {
            await _videoQueue.CompleteAsync().ConfigureAwait(false);
            await _encoder!.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var sink in _rgbaSinks)
        {
            await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask WritePngAsync((int Index, PngFrame Png) item, CancellationToken cancellationToken)
    {
        using (item.Png)
        {
            Interlocked.Add(ref _frameBytes, item.Png.Save(Path.Combine(_outputDirectory, ArtifactNames.PngFrame(item.Index))));
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask WriteVideoFrameAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _encoder!.WriteFrameAsync(frame.AsMemory(0, _videoFrameLength), cancellationToken).ConfigureAwait(false);
        ArrayPool<byte>.Shared.Return(frame);
    }

    /// <summary>
    /// Waits for the PNG and video workers to stop (a failed job's files are removed next, and a PNG still being saved
    /// would otherwise land in the folder afterwards), then stops the RGBA encoders' ffmpeg processes and removes
    /// unfinished files (finished ones stay).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_pngQueue is not null)
        {
            await _pngQueue.StopAsync().ConfigureAwait(false);
        }

        if (_videoQueue is not null)
        {
            await _videoQueue.StopAsync().ConfigureAwait(false);
        }

        foreach (var sink in _rgbaSinks)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }

        _cast?.Dispose();
        _html?.Dispose();
    }
}
