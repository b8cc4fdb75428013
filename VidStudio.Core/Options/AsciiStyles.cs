namespace VidStudio.Core.Options;

public static class AsciiStyles
{
    /// <summary>
    /// Whether <paramref name="style"/> picks each cell's glyph by its shape: the styles that take <c>symbols</c> and
    /// <c>stability</c>, and whose frames depend on the frames before them.
    /// </summary>
    public static bool MatchesShapes(this AsciiStyle style) => style is AsciiStyle.Shape or AsciiStyle.ShapeBlocks or AsciiStyle.Mosaic;
}
