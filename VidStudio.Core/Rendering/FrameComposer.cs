namespace VidStudio.Core.Rendering;

/// <summary>Render stage: copies each cell's glyph tile into a full-size 8-bit coverage frame.</summary>
public sealed class FrameComposer(FrameLayout layout, GlyphAtlas atlas)
{
    public void Compose(ReadOnlySpan<ushort> cells, Span<byte> coverage)
    {
        var width = layout.Width;
        var columns = layout.Geometry.Columns;
        coverage[..(width * layout.Height)].Clear();
        for (var row = 0; row < layout.Geometry.Rows; row++)
        {
            var top = layout.CellTop[row];
            var height = layout.CellTop[row + 1] - top;
            var rowCells = cells.Slice(row * columns, columns);
            for (var column = 0; column < columns; column++)
            {
                var glyph = rowCells[column];
                if (atlas.IsBlank(glyph))
                {
                    continue;
                }

                var left = layout.CellLeft[column];
                var cellWidth = layout.CellLeft[column + 1] - left;
                var tile = atlas.Tile(glyph);
                for (var y = 0; y < height; y++)
                {
                    tile.Slice(y * atlas.TileWidth, cellWidth).CopyTo(coverage.Slice((top + y) * width + left, cellWidth));
                }
            }
        }
    }
}
