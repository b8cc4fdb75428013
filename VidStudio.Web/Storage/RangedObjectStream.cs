using Amazon.S3;
using Amazon.S3.Model;

namespace VidStudio.Web.Storage;

/// <summary>
/// A seekable, read-only view of bytes <c>[start, start + length)</c> of one object. A read GETs from the position to
/// the view's end and keeps reading that response while reads stay in order; a seek starts a new ranged GET on the next
/// read. So ASP.NET's range handling (which seeks to the range and reads its length) costs one GET, and a frame inside
/// a pack is fetched alone. <see cref="OpenAsync"/> starts the first GET before a response is begun, so a missing
/// object or a store that does not answer is an error status, not a response cut off after its headers.
/// </summary>
public sealed class RangedObjectStream(IAmazonS3 client, string bucket, string key, long start, long length) : Stream
{
    private GetObjectResponse? _response;
    private long _position;
    private long _responsePosition = -1;

    /// <summary>The view with its first GET (from its start) made; a request for a range then costs one more.</summary>
    public static async Task<RangedObjectStream> OpenAsync(IAmazonS3 client, string bucket, string key, long start, long length, CancellationToken cancellationToken)
    {
        var stream = new RangedObjectStream(client, bucket, key, start, length);
        try
        {
            await stream.FetchFromPositionAsync(cancellationToken);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }

        if (_response is null || _responsePosition != _position)
        {
            await FetchFromPositionAsync(cancellationToken);
        }

        var wanted = (int)Math.Min(buffer.Length, length - _position);
        var read = await _response!.ResponseStream.ReadAsync(buffer[..wanted], cancellationToken);
        if (read == 0)
        {
            throw new IOException($"Object {key} ended {length - _position} bytes early.");
        }

        _position += read;
        _responsePosition = _position;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseResponse();
        }

        base.Dispose(disposing);
    }

    private async Task FetchFromPositionAsync(CancellationToken cancellationToken)
    {
        CloseResponse();
        if (_position >= length)
        {
            return;
        }

        _response = await client.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ByteRange = new ByteRange(start + _position, start + length - 1),
        }, cancellationToken);
        _responsePosition = _position;
    }

    private void CloseResponse()
    {
        _response?.Dispose();
        _response = null;
    }
}
