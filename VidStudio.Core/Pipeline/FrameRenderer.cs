using VidStudio.Core.Frames;
using VidStudio.Core.Mapping;
using VidStudio.Core.Options;
using VidStudio.Core.Output;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// The per-frame path of one job, shared by the converter and the preview so both produce the same pixels:
/// sample → map → (text) → compose → paint. Holds reusable buffers, so one instance serves one frame at a time.
/// </summary>
public sealed class FrameRenderer : IRenderedFrame
{
    private readonly ConversionOptions _options;
    private CellSampler _sampler;
    private readonly ICharacterMapper _mapper;
    private readonly CellColorizer? _colorizer;
    private readonly FrameComposer _composer;
    private readonly PixelConverter _pixels;
    private readonly TextFrameFormatter _text;
    private AnsiFrameFormatter? _ansi;
    private readonly ushort[] _cells;
    private readonly byte[] _coverage;

    /// <param name="buffers">Buffers for this geometry to reuse (see <see cref="FrameBuffers.Fits"/>); new ones when null.</param>
    public FrameRenderer(ConversionOptions options, GridGeometry geometry, FontSet fonts, GlyphAtlasCache? atlases = null, FrameBuffers? buffers = null)
    {
        if (buffers is not null && !buffers.Fits(geometry))
        {
            throw new ArgumentException("The buffers were made for another frame size.", nameof(buffers));
        }

        Geometry = geometry;
        _options = options;
        Palette = new FramePalette(options, geometry.Columns);
        var layout = new FrameLayout(geometry);
        // With a palette every pixel must be a palette colour, so shades are drawn as whole-pixel stipples.
        GlyphAtlas AtlasOf(GlyphSet glyphs) =>
            (atlases ?? GlyphAtlasCache.None).Get(fonts, glyphs, layout.TileWidth, layout.TileHeight, stippledShades: Palette.Colors is not null);
        // Shape matching and cell colours read the very tiles the frames are drawn with.
        GlyphAtlas? matched = null;
        _mapper = CharacterMapper.Create(options, geometry, (glyphs, density) => MasksOf(matched = AtlasOf(glyphs), glyphs, density));
        var atlas = matched ?? AtlasOf(_mapper.Glyphs);
        _sampler = new CellSampler(geometry, options, _mapper.Density);
        if (options.ColorMode == ColorMode.Cell)
        {
            _colorizer = new CellColorizer(geometry, MasksOf(atlas, _mapper.Glyphs, _mapper.Density), MasksOf(atlas, _mapper.Glyphs, SampleDensity.Standard), options.GlyphContrast);
        }

        (Layout, Atlas) = (layout, atlas);
        _composer = new FrameComposer(layout, atlas);
        _pixels = new PixelConverter(layout);
        _text = new TextFrameFormatter(geometry.Columns, geometry.Rows);
        buffers ??= new FrameBuffers(geometry);
        _cells = buffers.Cells;
        _coverage = buffers.Coverage;
    }

    public GridGeometry Geometry { get; private set; }

    public ConversionOptions Options => _options;

    public FramePalette Palette { get; }

    /// <summary>Where each cell lies in the rendered frame.</summary>
    public FrameLayout Layout { get; }

    /// <summary>The glyph tiles the frames are drawn with.</summary>
    public GlyphAtlas Atlas { get; }

    public int Yuv420Length => PixelConverter.Yuv420Length(Geometry);

    /// <summary>The current frame's glyph indices, row-major.</summary>
    public ReadOnlySpan<ushort> Cells => _cells;

    public GlyphSet Glyphs => _mapper.Glyphs;

    /// <summary>Samples a decoded frame and maps it to characters: enough for text; <see cref="ComposeGlyphs"/> follows for pixels.</summary>
    /// <param name="frameIndex">The output frame number (it picks the random colour and schedules stability refreshes); defaults to the frame's decode index.</param>
    public void MapCharacters(YuvFrame frame, int? frameIndex = null)
    {
        if (_sampler.AnalysisSize != (frame.Width, frame.Height))
        {
            // The decoder's stream header is authoritative for the analysis size; nothing else depends on it.
            Geometry = Geometry.WithAnalysisSize(frame.Width, frame.Height);
            _sampler = new CellSampler(Geometry, _options, _mapper.Density);
        }

        var index = frameIndex ?? frame.Index;
        _sampler.Sample(frame);
        _mapper.Map(_sampler.Samples, _cells, index);
        if (_colorizer is not null)
        {
            _colorizer.Colorize(_sampler, _cells);
            Palette.ForFrame(index, _colorizer.Foregrounds, _colorizer.Backgrounds, _colorizer.GlyphShares);
        }
        else
        {
            Palette.ForFrame(index, _sampler.CellColors);
        }
    }

    /// <summary>Draws the mapped characters' glyphs into the coverage frame that PNG and video frames are painted from.</summary>
    public void ComposeGlyphs() => _composer.Compose(_cells, _coverage);

    public ReadOnlySpan<char> FormatText() => _text.Format(_cells, _mapper.Glyphs);

    public long WriteText(string path) => _text.Write(path, _cells, _mapper.Glyphs);

    /// <summary>The frame as ANSI text in its rendered colours.</summary>
    public ReadOnlySpan<char> FormatAnsi(string lineBreak) => Ansi.Format(_cells, _mapper.Glyphs, Palette, lineBreak);

    public long WriteAnsi(string path) => Ansi.Write(path, _cells, _mapper.Glyphs, Palette);

    private AnsiFrameFormatter Ansi => _ansi ??= new AnsiFrameFormatter(Geometry.Columns, Geometry.Rows);

    /// <summary>The current frame's PNG content, copied out so it can be encoded while the next frame renders.</summary>
    public PngFrame CapturePng() => PngFrame.Capture(_coverage, Palette, _pixels, Geometry.RenderWidth, Geometry.RenderHeight);

    public void PaintYuv420(Span<byte> yuv) => _pixels.ToYuv420(_coverage, Palette, yuv);

    /// <summary>The frame as RGBA pixels (<see cref="GridGeometry.RenderWidth"/> × <see cref="GridGeometry.RenderHeight"/>).</summary>
    public void PaintRgba(Span<uint> rgba) => _pixels.ToRgbaAnyMode(_coverage.AsSpan(0, rgba.Length), Palette, rgba);

    private static GlyphMasks MasksOf(GlyphAtlas atlas, GlyphSet glyphs, SampleDensity density) =>
        new(glyphs.Count, atlas.Tiles, atlas.TileWidth, atlas.TileHeight, density);
}
