using System.Buffers;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Output;

/// <summary>
/// Everything one frame's PNG needs, captured in pooled buffers so it can be encoded on another thread while the
/// renderer moves on: the coverage and a 256-colour palette in fixed-colour modes (written as an indexed PNG), or
/// painted RGBA pixels in source-colour mode.
/// </summary>
public sealed class PngFrame : IDisposable
{
    private byte[]? _indices;
    private uint[]? _pixels;
    private readonly int _width, _height;
    private readonly bool _opaque;

    private PngFrame(int width, int height, byte[]? indices, uint[] pixels, bool opaque)
    {
        (_width, _height, _indices, _pixels, _opaque) = (width, height, indices, pixels, opaque);
    }

    /// <summary>Copies the frame out of the renderer's reusable buffers.</summary>
    public static PngFrame Capture(ReadOnlySpan<byte> coverage, FramePalette palette, PixelConverter pixels, int width, int height)
    {
        var count = width * height;
        var palettePixels = ArrayPool<uint>.Shared.Rent(256);
        if (PixelConverter.TryBuildPalette(palette, palettePixels))
        {
            var indices = ArrayPool<byte>.Shared.Rent(count);
            coverage[..count].CopyTo(indices);
            return new PngFrame(width, height, indices, palettePixels, opaque: false);
        }

        ArrayPool<uint>.Shared.Return(palettePixels);
        var rgba = ArrayPool<uint>.Shared.Rent(count);
        pixels.ToRgba(coverage, palette, rgba);
        return new PngFrame(width, height, null, rgba, opaque: !palette.TransparentBackground);
    }

    /// <summary>Bytes one captured frame holds: a coverage byte per pixel when the palette fits 256 entries, RGBA otherwise.</summary>
    public static long CapturedBytes(FramePalette palette, int width, int height)
    {
        Span<uint> entries = stackalloc uint[256];
        return (long)width * height * (PixelConverter.TryBuildPalette(palette, entries) ? sizeof(byte) : sizeof(uint));
    }

    public void WriteTo(Stream output)
    {
        var pixels = _pixels ?? throw new ObjectDisposedException(nameof(PngFrame));
        if (_indices is { } indices)
        {
            PngEncoder.WriteIndexed(output, indices.AsSpan(0, _width * _height), _width, _height, pixels.AsSpan(0, 256));
        }
        else
        {
            PngEncoder.WriteRgba(output, pixels.AsSpan(0, _width * _height), _width, _height, _opaque);
        }
    }

    public byte[] ToArray()
    {
        using var memory = new MemoryStream();
        WriteTo(memory);
        return memory.ToArray();
    }

    /// <summary>Writes the PNG under a partial name and renames it into place; returns its size in bytes.</summary>
    public long Save(string path) => AtomicFile.Write(path, this, static (stream, png) => png.WriteTo(stream));

    public void Dispose()
    {
        if (_indices is { } indices)
        {
            ArrayPool<byte>.Shared.Return(indices);
            _indices = null;
        }

        if (_pixels is { } pixels)
        {
            ArrayPool<uint>.Shared.Return(pixels);
            _pixels = null;
        }
    }
}
