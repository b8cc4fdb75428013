using VidStudio.Core.Frames;
using VidStudio.Core.Mapping;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Output;

/// <summary>
/// The frame a renderer holds now, as outputs read it: its characters, colours and the ways to write or paint it. The
/// pipeline's renderer implements it, so outputs depend on this view and not on the pipeline that drives them.
/// </summary>
public interface IRenderedFrame
{
    GridGeometry Geometry { get; }

    /// <summary>The current frame's colours (updated in place for every frame).</summary>
    FramePalette Palette { get; }

    FrameLayout Layout { get; }

    GlyphAtlas Atlas { get; }

    GlyphSet Glyphs { get; }

    /// <summary>The current frame's glyph indices, row-major.</summary>
    ReadOnlySpan<ushort> Cells { get; }

    long WriteText(string path);

    long WriteAnsi(string path);

    ReadOnlySpan<char> FormatAnsi(string lineBreak);

    PngFrame CapturePng();

    void PaintYuv420(Span<byte> yuv);

    void PaintRgba(Span<uint> rgba);
}
