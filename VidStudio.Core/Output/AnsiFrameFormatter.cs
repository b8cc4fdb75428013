using System.Text;
using VidStudio.Core.Mapping;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Output;

/// <summary>
/// A mapped grid as ANSI text for terminals: truecolour SGR sequences (<c>38;2;r;g;b</c> text, <c>48;2;r;g;b</c>
/// background) written only where a colour changes, a reset at the end of each line, so a frame pastes into any
/// terminal. The colours are the rendered frame's: fixed or random per frame, per cell in source and cell modes; with a
/// transparent background the terminal's own shows through. Built in one reused buffer per frame.
/// </summary>
public sealed class AnsiFrameFormatter(int columns, int rows)
{
    private const string Reset = "\u001b[0m";

    // Worst case per cell: two full colour sequences (19 chars each) and the glyph (a surrogate pair beyond the BMP).
    private readonly char[] _chars = new char[rows * (columns * 40 + Reset.Length + 2) + 1];
    private byte[] _utf8 = [];

    /// <param name="lineBreak">"\n" for files, "\r\n" for a terminal stream (asciicast).</param>
    public ReadOnlySpan<char> Format(ReadOnlySpan<ushort> cells, GlyphSet glyphs, FramePalette palette, string lineBreak)
    {
        var span = _chars.AsSpan();
        var position = 0;
        for (var row = 0; row < rows; row++)
        {
            RgbColor? fg = null, bg = null;
            for (var column = 0; column < columns; column++)
            {
                var index = row * columns + column;
                var cellFg = palette.CellColors?[index] ?? palette.Foreground;
                if (cellFg != fg)
                {
                    position += WriteColor(span[position..], 38, cellFg);
                    fg = cellFg;
                }

                if (!palette.TransparentBackground)
                {
                    var cellBg = palette.CellBackgrounds?[index] ?? palette.Background;
                    if (cellBg != bg)
                    {
                        position += WriteColor(span[position..], 48, cellBg);
                        bg = cellBg;
                    }
                }

                var symbol = glyphs.Utf16(cells[index]);
                symbol.CopyTo(span[position..]);
                position += symbol.Length;
            }

            Reset.CopyTo(span[position..]);
            position += Reset.Length;
            lineBreak.CopyTo(span[position..]);
            position += lineBreak.Length;
        }

        return span[..position];
    }

    /// <summary>Writes the frame atomically as UTF-8; returns its size in bytes.</summary>
    public long Write(string path, ReadOnlySpan<ushort> cells, GlyphSet glyphs, FramePalette palette)
    {
        var text = Format(cells, glyphs, palette, "\n");
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_utf8.Length < needed)
        {
            _utf8 = new byte[needed];
        }

        var length = Encoding.UTF8.GetBytes(text, _utf8);
        return AtomicFile.Write(path, _utf8.AsSpan(0, length));
    }

    private static int WriteColor(Span<char> target, int code, RgbColor color)
    {
        var position = 0;
        "\u001b[".CopyTo(target);
        position += 2;
        code.TryFormat(target[position..], out var written);
        position += written;
        target[position++] = ';';
        target[position++] = '2';
        foreach (var channel in (ReadOnlySpan<byte>)[color.R, color.G, color.B])
        {
            target[position++] = ';';
            channel.TryFormat(target[position..], out written);
            position += written;
        }

        target[position++] = 'm';
        return position;
    }
}
