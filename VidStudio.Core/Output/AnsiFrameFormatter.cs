using System.Text;
using VidStudio.Core.Mapping;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;
using VidStudio.Core.Rendering.Palettes;

namespace VidStudio.Core.Output;

/// <summary>
/// A mapped grid as ANSI text for terminals: SGR colour sequences (truecolour <c>38;2;r;g;b</c> text, <c>48;2;r;g;b</c>
/// background; the terminal's own numbers for its palettes) written only where a colour changes, a reset at the end of
/// each line, so a frame pastes into any terminal. The colours are the rendered frame's: fixed or random per frame, per cell in source and cell modes; with a
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
                    position += WriteColor(span[position..], Layer.Text, cellFg, palette.Colors);
                    fg = cellFg;
                }

                if (!palette.TransparentBackground)
                {
                    var cellBg = palette.CellBackgrounds?[index] ?? palette.Background;
                    if (cellBg != bg)
                    {
                        position += WriteColor(span[position..], Layer.Background, cellBg, palette.Colors);
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

    private enum Layer
    {
        Text,
        Background,
    }

    /// <summary>
    /// One SGR colour sequence: by terminal number when the palette is a terminal's (256: <c>38;5;N</c>; 16 and 8:
    /// <c>30–37</c>/<c>90–97</c>, backgrounds <c>40–47</c>/<c>100–107</c>), otherwise by value (<c>38;2;r;g;b</c>).
    /// </summary>
    private static int WriteColor(Span<char> target, Layer layer, RgbColor color, ColorPalette? palette)
    {
        var position = 0;
        Append(target, ref position, "\u001b[");
        switch (palette?.Terminal)
        {
            case TerminalColors.Standard16:
                var number = palette.NearestIndex(color);
                Append(target, ref position, (number < 8 ? 30 + number : 90 + number - 8) + (layer == Layer.Background ? 10 : 0));
                break;
            case TerminalColors.Indexed256:
                Append(target, ref position, layer == Layer.Background ? "48;5;" : "38;5;");
                Append(target, ref position, palette.NearestIndex(color));
                break;
            default:
                Append(target, ref position, layer == Layer.Background ? "48;2" : "38;2");
                foreach (var channel in (ReadOnlySpan<byte>)[color.R, color.G, color.B])
                {
                    target[position++] = ';';
                    Append(target, ref position, channel);
                }

                break;
        }

        target[position++] = 'm';
        return position;
    }

    private static void Append(Span<char> target, ref int position, string text)
    {
        text.CopyTo(target[position..]);
        position += text.Length;
    }

    private static void Append(Span<char> target, ref int position, int number)
    {
        number.TryFormat(target[position..], out var written);
        position += written;
    }
}
