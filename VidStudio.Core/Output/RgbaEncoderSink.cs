using System.Buffers;
using System.Runtime.InteropServices;

namespace VidStudio.Core.Output;

/// <summary>
/// Feeds an encoder that takes whole RGBA frames (GIF, WebM with alpha): the frame is painted into a pooled buffer on
/// the render thread and written to ffmpeg by a worker behind a short bounded queue, so encoding overlaps rendering.
/// </summary>
internal sealed class RgbaEncoderSink : IFrameSink
{
    private const int QueueLength = 3;

    private readonly RgbaEncoder _encoder;
    private readonly BoundedWorkQueue<byte[]> _queue;
    private readonly int _length;
    private readonly Func<int, bool>? _takes;

    /// <param name="takes">Which frames the encoder gets (by index), when it runs at a lower rate than the output; null: every frame.</param>
    public RgbaEncoderSink(RgbaEncoder encoder, int width, int height, CancellationToken cancellationToken, Func<int, bool>? takes = null)
    {
        (_encoder, _length, _takes) = (encoder, width * height * 4, takes);
        _queue = new BoundedWorkQueue<byte[]>(QueueLength, 1, WriteAsync, frame => ArrayPool<byte>.Shared.Return(frame), cancellationToken);
    }

    public long BytesWritten => _encoder.BytesWritten;

    public bool Takes(int index) => _takes?.Invoke(index) ?? true;

    public async ValueTask WriteAsync(IRenderedFrame frame, int index, CancellationToken cancellationToken)
    {
        var rgba = ArrayPool<byte>.Shared.Rent(_length);
        frame.PaintRgba(MemoryMarshal.Cast<byte, uint>(rgba.AsSpan(0, _length)));
        await _queue.EnqueueAsync(rgba, cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteAsync(int frames, CancellationToken cancellationToken)
    {
        await _queue.CompleteAsync().ConfigureAwait(false);
        await _encoder.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the writer before the encoder, so no frame is written to an ffmpeg being stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        await _queue.StopAsync().ConfigureAwait(false);
        _encoder.Dispose();
    }

    private async ValueTask WriteAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _encoder.WriteFrameAsync(frame.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
        ArrayPool<byte>.Shared.Return(frame);
    }
}
