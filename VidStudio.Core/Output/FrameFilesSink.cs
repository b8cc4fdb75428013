namespace VidStudio.Core.Output;

/// <summary>
/// One file per frame written on the render thread as the frame arrives: text and ANSI frames are cheap enough that a
/// queue would cost more than it saves.
/// </summary>
internal sealed class FrameFilesSink(SinkContext context, Func<int, string> fileName, Func<IRenderedFrame, string, long> write) : IFrameSink
{
    private long _bytes;

    public long BytesWritten => _bytes;

    public ValueTask WriteAsync(IRenderedFrame frame, int index, CancellationToken cancellationToken)
    {
        _bytes += write(frame, context.PathOf(fileName(index)));
        return ValueTask.CompletedTask;
    }

    public Task CompleteAsync(int frames, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
