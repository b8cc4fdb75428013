namespace VidStudio.Core.Output;

/// <summary>PNG frames, captured on the render thread and encoded by their own workers behind a bounded queue, so encoding overlaps the next frame's rendering.</summary>
internal sealed class PngFramesSink : IFrameSink
{
    private readonly SinkContext _context;
    private readonly BoundedWorkQueue<(int Index, PngFrame Png)> _queue;
    private long _bytes;

    public PngFramesSink(SinkContext context, CancellationToken cancellationToken)
    {
        _context = context;
        _queue = new BoundedWorkQueue<(int Index, PngFrame Png)>(context.PngWorkers * 2, context.PngWorkers, SaveAsync, item => item.Png.Dispose(), cancellationToken);
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
