namespace VidStudio.Core.Output.Asciicast;

/// <summary>Each frame as one ANSI output event of the recording, at its timestamp.</summary>
internal sealed class AsciicastSink(AsciicastWriter writer, double frameSeconds) : IFrameSink
{
    private long? _completedBytes;

    public long BytesWritten => _completedBytes ?? writer.BytesWritten;

    public ValueTask WriteAsync(IRenderedFrame frame, int index, CancellationToken cancellationToken)
    {
        writer.AddFrame(index * frameSeconds, frame.FormatAnsi("\r\n"));
        return ValueTask.CompletedTask;
    }

    public Task CompleteAsync(int frames, CancellationToken cancellationToken)
    {
        _completedBytes = writer.Complete(frames * frameSeconds);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        writer.Dispose();
        return ValueTask.CompletedTask;
    }
}
