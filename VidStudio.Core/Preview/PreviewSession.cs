using VidStudio.Core.Frames;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Preview;

/// <summary>
/// One viewer's preview state. Scrubbing keeps the look, so the last renderer is reused as it is; a changed look gets
/// a new renderer over the same <see cref="FrameBuffers"/> while the frame size stays. Serves one render at a time
/// (the Studio renders a viewer's previews one after another).
/// </summary>
public sealed class PreviewSession
{
    private FrameRenderer? _renderer;
    private (ConversionOptions Options, GridGeometry Geometry, FontSet Font)? _look;
    private FrameBuffers? _buffers;

    /// <param name="fresh">A renderer without the state of earlier frames (a stateful look is warmed up anew).</param>
    internal FrameRenderer RendererFor(ConversionOptions options, GridGeometry geometry, FontSet fonts, GlyphAtlasCache atlases, bool fresh)
    {
        // The font too: a font deleted and uploaded again under its name is another font.
        if (!fresh && _renderer is not null && _look == (options, geometry, fonts))
        {
            return _renderer;
        }

        if (_buffers is null || !_buffers.Fits(geometry))
        {
            _buffers = new FrameBuffers(geometry);
        }

        _renderer = new FrameRenderer(options, geometry, fonts, atlases, _buffers);
        _look = (options, geometry, fonts);
        return _renderer;
    }
}
