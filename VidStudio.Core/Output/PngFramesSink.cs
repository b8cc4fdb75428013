namespace VidStudio.Core.Output;

/// <summary>PNG frames, captured on the render thread and encoded by their own workers behind a bounded queue, so encoding overlaps the next frame's rendering.</summary>
internal sealed class PngFramesSink : IFrameSink
{
    /// <summary>
    /// Bytes of captured frames that may wait for a worker. Jobs run side by side in one server, so the queue is bounded
    /// by memory rather than by a count alone: at 1080p two fixed-colour frames (2 MB each) wait; a source-colour frame
    /// (8 MB of RGBA) waits alone.
    /// </summary>
    private const long QueueBytes = 4 << 20;

    private readonly SinkContext _context;
    private readonly BoundedWorkQueue<(int Index, PngFrame Png)> _queue;
    private long _bytes;

    public PngFramesSink(SinkContext context, CancellationToken cancellationToken)
    {
        _context = context;
        var frameBytes = PngFrame.CapturedBytes(context.Renderer.Palette, context.Geometry.RenderWidth, context.Geometry.RenderHeight);
        var capacity = (int)Math.Clamp(QueueBytes / Math.Max(1, frameBytes), 1, context.PngWorkers * 2);
        _queue = new BoundedWorkQueue<(int Index, PngFrame Png)>(capacity, context.PngWorkers, SaveAsync, item => item.Png.Dispose(), cancellationToken);
    }

    /// <summary>Bytes of the PNG files finished so far.</summary>
    public long BytesWritten => Volatile.Read(ref _bytes);

    public ValueTask WriteAsync(IRenderedFrame frame, int index, CancellationToken cancellationToken) =>
        _queue.EnqueueAsync((index, frame.CapturePng()), cancellationToken);

    public Task CompleteAsync(int frames, CancellationToken cancellationToken) => _queue.CompleteAsync();

    /// <summary>Waits for the workers to stop: a failed job's files are removed next, and a PNG still being saved would land in the folder afterwards.</summary>
    public async ValueTask DisposeAsync() => await _queue.StopAsync().ConfigureAwait(false);

    private ValueTask SaveAsync((int Index, PngFrame Png) item, CancellationToken cancellationToken)
    {
        using (item.Png)
        {
            Interlocked.Add(ref _bytes, item.Png.Save(_context.PathOf(ArtifactNames.PngFrame(item.Index))));
        }

        return ValueTask.CompletedTask;
    }
}
