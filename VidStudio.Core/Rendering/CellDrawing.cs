using System.Reflection;
using VidStudio.Core.Options;

namespace VidStudio.Core.Rendering;

/// <summary>
/// What a browser needs to draw frames exactly as the PNGs are drawn, with <see cref="Script"/> (cell-painter.js):
/// the frame and cell edges, the glyph atlas's tile size, and how one frame's record is laid out — glyph indices (one
/// byte each, two past 256 glyphs), then the text colour (per cell or per frame), then the background (per cell in
/// cell mode). The HTML player embeds records of every frame; the Studio's playing preview sends them one by one.
/// Serialised with web (camelCase) names, which the script reads.
/// </summary>
public sealed record CellDrawing(
    int Columns, int Rows, int Width, int Height, int[] CellLeft, int[] CellTop, int TileWidth, int TileHeight,
    int CellBytes, bool TextPerCell, bool BackgroundPerCell, bool Transparent, int[] Background, int RecordBytes)
{
    /// <summary>The painter that draws records, shared by the HTML player and the Studio (one copy of the drawing code).</summary>
    public static string Script { get; } = LoadScript();

    public static CellDrawing For(FrameLayout layout, GlyphAtlas atlas, int glyphCount, ConversionOptions options)
    {
        var geometry = layout.Geometry;
        var (cellBytes, textPerCell, backgroundPerCell) = RecordLayout(glyphCount, options);
        var background = options.Background;
        return new CellDrawing(geometry.Columns, geometry.Rows, layout.Width, layout.Height, layout.CellLeft, layout.CellTop, atlas.TileWidth, atlas.TileHeight,
            cellBytes, textPerCell, backgroundPerCell, options.TransparentBg, [background.R, background.G, background.B],
            RecordBytesOf(geometry.Columns * geometry.Rows, glyphCount, options));
    }

    /// <summary>The size of one frame's record.</summary>
    public static int RecordBytesOf(int cells, int glyphCount, ConversionOptions options)
    {
        var (cellBytes, textPerCell, backgroundPerCell) = RecordLayout(glyphCount, options);
        return cells * cellBytes + (textPerCell ? 3 * cells : 3) + (backgroundPerCell ? 3 * cells : 0);
    }

    /// <summary>Writes the current frame's record (its colours are the palette's, set for this frame) into <paramref name="record"/>.</summary>
    public void WriteRecord(ReadOnlySpan<ushort> cells, FramePalette palette, Span<byte> record)
    {
        var position = 0;
        if (CellBytes == 1)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                record[position++] = (byte)cells[i];
            }
        }
        else
        {
            for (var i = 0; i < cells.Length; i++, position += 2)
            {
                BitConverter.TryWriteBytes(record.Slice(position, 2), cells[i]);
            }
        }

        position = WriteColors(record, position, TextPerCell, palette.CellColors, palette.Foreground, cells.Length);
        if (BackgroundPerCell)
        {
            WriteColors(record, position, perCell: true, palette.CellBackgrounds, palette.Background, cells.Length);
        }
    }

    private static (int CellBytes, bool TextPerCell, bool BackgroundPerCell) RecordLayout(int glyphCount, ConversionOptions options) =>
        (glyphCount <= 256 ? 1 : 2, options.ColorMode is ColorMode.Source or ColorMode.Cell, options.ColorMode == ColorMode.Cell && !options.TransparentBg);

    /// <summary>One colour, or one per cell when <paramref name="perCell"/> (the frame's own colour fills in for cells not sampled).</summary>
    private static int WriteColors(Span<byte> record, int position, bool perCell, RgbColor[]? colors, RgbColor whole, int cells)
    {
        var count = perCell ? cells : 1;
        for (var i = 0; i < count; i++)
        {
            var color = colors?[i] ?? whole;
            record[position++] = color.R;
            record[position++] = color.G;
            record[position++] = color.B;
        }

        return position;
    }

    private static string LoadScript()
    {
        using var resource = Assembly.GetExecutingAssembly().GetManifestResourceStream("VidStudio.Core.Rendering.cell-painter.js")
            ?? throw new InvalidOperationException("The cell painter script is not embedded.");
        return new StreamReader(resource).ReadToEnd();
    }
}
