using System.Buffers;
using VidStudio.Core.Frames;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Output;

/// <summary>
/// The MP4's frames: painted as yuv420p into pooled buffers on the render thread and piped to x264 by one worker behind
/// a short bounded queue, so encoding overlaps the next frame's rendering.
/// </summary>
internal sealed class Mp4Sink : IFrameSink
{
    private const int QueueLength = 3;

    private readonly Mp4Encoder _encoder;
    private readonly BoundedWorkQueue<byte[]> _queue;
    private readonly int _yuvLength, _frameLength;

    /// <param name="encoder">Started (and disposed) by the converter: it starts before the probe answers.</param>
    public Mp4Sink(Mp4Encoder encoder, GridGeometry geometry, CancellationToken cancellationToken)
    {
        _encoder = encoder;
        _yuvLength = PixelConverter.Yuv420Length(geometry);
        _frameLength = Mp4Encoder.FramePrefixLength + _yuvLength;
        _queue = new BoundedWorkQueue<byte[]>(QueueLength, 1, WriteFrameAsync, frame => ArrayPool<byte>.Shared.Return(frame), cancellationToken);
    }

    public long BytesWritten => _encoder.BytesWritten;

    public async ValueTask WriteAsync(IRenderedFrame frame, int index, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_frameLength);
        frame.PaintYuv420(buffer.AsSpan(Mp4Encoder.FramePrefixLength, _yuvLength));
        await _queue.EnqueueAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteAsync(int frames, CancellationToken cancellationToken)
    {
        await _queue.CompleteAsync().ConfigureAwait(false);
        await _encoder.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the writer; the encoder is the converter's to stop.</summary>
    public async ValueTask DisposeAsync() => await _queue.StopAsync().ConfigureAwait(false);

    private async ValueTask WriteFrameAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _encoder.WriteFrameAsync(frame.AsMemory(0, _frameLength), cancellationToken).ConfigureAwait(false);
        ArrayPool<byte>.Shared.Return(frame);
    }
}
