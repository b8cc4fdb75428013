namespace VidStudio.Core.Output;

/// <summary>
/// Where one output's frames go, from its first frame to its finished file(s). The converter hands every rendered frame
/// to every sink in turn, completes them once the video ends, and disposes them whether or not it did.
/// </summary>
public interface IFrameSink : IAsyncDisposable
{
    /// <summary>Bytes written so far, or the finished files' size once complete (checked against the job's output limit).</summary>
    long BytesWritten { get; }

    /// <summary>Whether it wants frame <paramref name="index"/> at all: an output at a lower rate (the GIF) skips some, and a frame no pixel output wants is not drawn.</summary>
    bool Takes(int index) => true;

    /// <summary>Takes frame <paramref name="index"/> (one it <see cref="Takes"/>); returns once the sink has room for the next one.</summary>
    ValueTask WriteAsync(IRenderedFrame frame, int index, CancellationToken cancellationToken);

    /// <summary>Finishes the output after <paramref name="frames"/> frames; rethrows a worker's failure.</summary>
    Task CompleteAsync(int frames, CancellationToken cancellationToken);
}
