using VidStudio.Core.Frames;

namespace VidStudio.Core.Rendering;

/// <summary>
/// Where each cell lies in the rendered frame. Cell edges are spread over the whole frame with integer division, so
/// the grid fills it exactly: cells are <see cref="TileWidth"/> or one pixel narrower (likewise in height).
/// </summary>
public sealed class FrameLayout
{
    public FrameLayout(GridGeometry geometry)
    {
        Geometry = geometry;
        CellLeft = Edges(geometry.RenderWidth, geometry.Columns);
        CellTop = Edges(geometry.RenderHeight, geometry.Rows);
        TileWidth = (geometry.RenderWidth + geometry.Columns - 1) / geometry.Columns;
        TileHeight = (geometry.RenderHeight + geometry.Rows - 1) / geometry.Rows;
        ColumnOfX = CellOf(CellLeft, geometry.RenderWidth);
        RowOfY = CellOf(CellTop, geometry.RenderHeight);
    }

    public GridGeometry Geometry { get; }

    public int Width => Geometry.RenderWidth;

    public int Height => Geometry.RenderHeight;

    /// <summary>Left edge of each column, plus the right edge of the last one (Columns + 1 entries).</summary>
    public int[] CellLeft { get; }

    /// <summary>Top edge of each row, plus the bottom edge of the last one (Rows + 1 entries).</summary>
    public int[] CellTop { get; }

    /// <summary>Size of the widest cell; glyph tiles are rasterised at this size and clipped to narrower cells.</summary>
    public int TileWidth { get; }

    public int TileHeight { get; }

    /// <summary>Column index of every pixel x.</summary>
    public int[] ColumnOfX { get; }

    /// <summary>Row index of every pixel y.</summary>
    public int[] RowOfY { get; }

    private static int[] Edges(int pixels, int cells)
    {
        var edges = new int[cells + 1];
        for (var i = 0; i <= cells; i++)
        {
            edges[i] = (int)((long)i * pixels / cells);
        }

        return edges;
    }

    private static int[] CellOf(int[] edges, int pixels)
    {
        var cellOf = new int[pixels];
        for (var cell = 0; cell < edges.Length - 1; cell++)
        {
            cellOf.AsSpan(edges[cell], edges[cell + 1] - edges[cell]).Fill(cell);
        }

        return cellOf;
    }
}
