using System.Text;
using VidStudio.Core.Mapping;

namespace VidStudio.Core.Output;

/// <summary>Write stage for text: a mapped grid as UTF-8 lines, built in one reused buffer per frame.</summary>
public sealed class TextFrameFormatter(int columns, int rows)
{
    // Two UTF-16 chars per cell: symbols beyond the BMP (sextants, octants) take a surrogate pair.
    private readonly char[] _chars = new char[rows * (2 * columns + 1)];
    private readonly byte[] _utf8 = new byte[Encoding.UTF8.GetMaxByteCount(rows * (2 * columns + 1))];

    /// <summary>The grid as text, one line per row, each ending in a newline.</summary>
    public ReadOnlySpan<char> Format(ReadOnlySpan<ushort> cells, GlyphSet glyphs)
    {
        var position = 0;
        for (var row = 0; row < rows; row++)
        {
            foreach (var glyph in cells.Slice(row * columns, columns))
            {
                var symbol = glyphs.Utf16(glyph);
                symbol.CopyTo(_chars.AsSpan(position));
                position += symbol.Length;
            }

            _chars[position++] = '\n';
        }

        return _chars.AsSpan(0, position);
    }

    /// <summary>Writes the frame atomically; returns its size in bytes.</summary>
    public long Write(string path, ReadOnlySpan<ushort> cells, GlyphSet glyphs)
    {
        var length = Encoding.UTF8.GetBytes(Format(cells, glyphs), _utf8);
        return AtomicFile.Write(path, _utf8.AsSpan(0, length));
    }
}
