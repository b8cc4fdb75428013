using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace VidStudio.Core.Output;

/// <summary>
/// Writes 8-bit palette PNGs. In fixed-colour modes a frame is glyph coverage blended between two colours, so the
/// coverage byte is the palette index: the frame is written as it was composed, 1 byte a pixel instead of 4, with no
/// RGBA pass. The palette's tRNS chunk carries the alpha of transparent backgrounds.
/// </summary>
public static class IndexedPngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <param name="indices">One palette index per pixel, row by row.</param>
    /// <param name="palette">256 entries as Skia RGBA8888 (R in the low byte, A in the high byte).</param>
    public static void Write(Stream output, ReadOnlySpan<byte> indices, int width, int height, ReadOnlySpan<uint> palette)
    {
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 3; // colour type: palette
        // compression, filter and interlace methods stay 0
        WriteChunk(output, "IHDR"u8, header);

        Span<byte> colors = stackalloc byte[256 * 3];
        Span<byte> alphas = stackalloc byte[256];
        var opaque = true;
        for (var i = 0; i < 256; i++)
        {
            var entry = palette[i];
            colors[3 * i] = (byte)entry;
            colors[3 * i + 1] = (byte)(entry >> 8);
            colors[3 * i + 2] = (byte)(entry >> 16);
            alphas[i] = (byte)(entry >> 24);
            opaque &= alphas[i] == 255;
        }

        WriteChunk(output, "PLTE"u8, colors);
        if (!opaque)
        {
            WriteChunk(output, "tRNS"u8, alphas);
        }

        WriteImageData(output, indices, width, height);
        WriteChunk(output, "IEND"u8, []);
    }

    private static void WriteImageData(Stream output, ReadOnlySpan<byte> indices, int width, int height)
    {
        // Every scanline starts with its filter type; 0 (none) suits frames that are mostly runs of background.
        var compressed = new PooledBufferStream(indices.Length / 8 + 1024);
        try
        {
            var row = ArrayPool<byte>.Shared.Rent(width + 1);
            try
            {
                using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
                {
                    row[0] = 0;
                    for (var y = 0; y < height; y++)
                    {
                        indices.Slice(y * width, width).CopyTo(row.AsSpan(1));
                        zlib.Write(row, 0, width + 1);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(row);
            }

            WriteChunk(output, "IDAT"u8, compressed.WrittenSpan);
        }
        finally
        {
            compressed.Dispose();
        }
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(field, data.Length);
        output.Write(field);
        output.Write(type);
        output.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(field, crc);
        output.Write(field);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    /// <summary>A growable write-only stream over pooled arrays, so compressed frames do not churn the large-object heap.</summary>
    private sealed class PooledBufferStream(int initialCapacity) : Stream
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
        private int _length;

        public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_length + buffer.Length > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + buffer.Length));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            buffer.CopyTo(_buffer.AsSpan(_length));
            _length += buffer.Length;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
            }

            base.Dispose(disposing);
        }
    }
}
