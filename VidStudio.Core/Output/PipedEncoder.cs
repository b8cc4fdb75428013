using VidStudio.Core.Media;

namespace VidStudio.Core.Output;

/// <summary>
/// An ffmpeg process that encodes frames piped to its standard input into one file, written under a partial name and
/// moved into place by <see cref="CompleteAsync"/>; a dead ffmpeg is reported with what it said, not as a broken pipe.
/// </summary>
public abstract class PipedEncoder : IDisposable
{
    private readonly FfmpegProcess _process;
    private readonly string _partialPath, _finalPath, _what;

    /// <param name="what">The file's name in messages ("the MP4").</param>
    protected PipedEncoder(FfmpegProcess process, string partialPath, string finalPath, string what)
    {
        (_process, _partialPath, _finalPath, _what) = (process, partialPath, finalPath, what);
    }

    /// <summary>Size of the file so far (encoders write as they go), or of the finished file once it was moved into place.</summary>
    public long BytesWritten => File.Exists(_partialPath) ? new FileInfo(_partialPath).Length : File.Exists(_finalPath) ? new FileInfo(_finalPath).Length : 0;

    /// <summary>Ends the input, waits for ffmpeg and moves the finished file into place.</summary>
    public virtual async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await EndInputAsync(cancellationToken).ConfigureAwait(false);
        File.Move(_partialPath, _finalPath, overwrite: true);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops ffmpeg and removes the unfinished file.</summary>
    protected virtual void Dispose(bool disposing)
    {
        _process.Dispose();
        if (File.Exists(_partialPath))
        {
            File.Delete(_partialPath);
        }
    }

    /// <summary>Ends the input and waits for ffmpeg to finish writing; throws what it said if it failed.</summary>
    protected async Task EndInputAsync(CancellationToken cancellationToken)
    {
        await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        _process.StandardInput.Close();
        var exitCode = await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw _process.Failure($"Encoding {_what}", exitCode);
        }
    }

    protected async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await _process.StandardInput.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // ffmpeg quit (it closed the pipe): what it said is the useful part, not "broken pipe".
            var exitCode = await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw _process.Failure($"Encoding {_what}", exitCode);
        }
    }
}
