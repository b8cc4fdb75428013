using System.Buffers;

namespace VidStudio.Core.Frames;

/// <summary>
/// One decoded frame at the analysis size, limited-range yuv420p (BT.601), in a pooled buffer.
/// The owner returns it with <see cref="Dispose"/>.
/// </summary>
public sealed class YuvFrame : IDisposable
{
    private byte[]? _buffer;

    public YuvFrame(int width, int height)
    {
        Width = width;
        Height = height;
        _buffer = ArrayPool<byte>.Shared.Rent(ByteLength(width, height));
    }

    public int Width { get; }

    public int Height { get; }

    public int Index { get; set; }

    public static int ByteLength(int width, int height) => width * height * 3 / 2;

    public Memory<byte> Data => Buffer.AsMemory(0, ByteLength(Width, Height));

    public ReadOnlySpan<byte> Luma => Buffer.AsSpan(0, Width * Height);

    public ReadOnlySpan<byte> ChromaU => Buffer.AsSpan(Width * Height, Width * Height / 4);

    public ReadOnlySpan<byte> ChromaV => Buffer.AsSpan(Width * Height * 5 / 4, Width * Height / 4);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(YuvFrame));

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
