using VidStudio.Core.Frames;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// The per-frame buffers of a <see cref="FrameRenderer"/> that depend only on the sizes: the mapped cells and the
/// coverage frame (~2 MB at 1080p). The Studio's preview keeps one set per viewer and hands it to each new renderer
/// while the size stays, so moving a slider allocates neither.
/// </summary>
public sealed class FrameBuffers
{
    public FrameBuffers(GridGeometry geometry)
    {
        Cells = new ushort[geometry.CellCount];
        Coverage = new byte[geometry.RenderWidth * geometry.RenderHeight];
    }

    internal ushort[] Cells { get; }

    internal byte[] Coverage { get; }

    public bool Fits(GridGeometry geometry) =>
        Cells.Length == geometry.CellCount && Coverage.Length == geometry.RenderWidth * geometry.RenderHeight;
}
