namespace VidStudio.Core.Options;

/// <summary>The look of the character grid. API names are snake_case (<see cref="ApiNames"/>).</summary>
public enum AsciiStyle
{
    Normal,
    Inverted,
    Dots,
    Gradient,
    Blocks,
    Braille,
    Edges,
    Custom,

    /// <summary>Each cell gets the printable ASCII glyph whose shape best matches the cell's picture (not only its brightness).</summary>
    Shape,

    /// <summary>Shape matching over block elements: halves and quadrants, the glyphs that tile a cell exactly.</summary>
    ShapeBlocks,

    /// <summary>
    /// Shape matching over mosaic symbols (by default every 2×4 octant pattern, the eighth blocks and the shades), drawn as exact cell
    /// geometry: a picture of sharp-edged blocks, each cell split between two tones or colours.
    /// </summary>
    Mosaic,
}
