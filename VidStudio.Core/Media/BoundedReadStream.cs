namespace VidStudio.Core.Media;

/// <summary>
/// Reads a child tool's report of a file, refusing the file once the report passes a size no real video needs: what
/// ffprobe writes grows with what the file declares (streams, chapters, tags), and the file is the user's.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long maxBytes) : Stream
{
    /// <summary>A video's description is a few kilobytes; a thousand times that is not a video anyone means to convert.</summary>
    public const long MaxToolReportBytes = 4 * 1024 * 1024;

    private long _read;

    public static BoundedReadStream ToolReport(Stream inner) => new(inner, MaxToolReportBytes);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        if (_read > maxBytes)
        {
            throw new VideoInputException(VideoInputError.Damaged,
                $"ffmpeg's description of the file passed {ByteSize.Format(maxBytes)}; a video needs a few kilobytes, so the file is probably damaged or crafted.");
        }

        return read;
    }
}
