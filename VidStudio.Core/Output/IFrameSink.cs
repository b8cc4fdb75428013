namespace VidStudio.Core.Output;

/// <summary>
/// Where one output's frames go, from its first frame to its finished file(s). The converter hands every rendered frame
/// to every sink in turn, completes them once the video ends, and disposes them whether or not it did.
/// </summary>
public interface IFrameSink : IAsyncDisposable
{
    /// <summary>Bytes written so far, or the finished files' size once complete (checked against the job's output limit).</summary>
    long BytesWritten { get; }

    /// <summary>Takes frame <paramref name="index"/>; returns once the sink has room for the next one.</summary>
    ValueTask WriteAsync(IRenderedFrame frame, int index, CancellationToken cancellationToken);

    /// <summary>Finishes the output after <paramref name="frames"/> frames; rethrows a worker's failure.</summary>
    Task CompleteAsync(int frames, CancellationToken cancellationToken);
}
