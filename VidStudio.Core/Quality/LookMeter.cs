using VidStudio.Core.Frames;
using VidStudio.Core.Mapping;
using VidStudio.Core.Options;

namespace VidStudio.Core.Quality;

/// <summary>
/// Measures a look frame by frame, the way a viewer judges it:
/// <list type="bullet">
/// <item>fidelity: SSIM between the source and the rendered frame, both gray, area-scaled to
/// <see cref="PixelsPerCell"/>× the grid and blurred with a Gaussian of <see cref="BlurSigma"/> px (half a cell) —
/// the picture seen from a distance, where glyph shapes blend into tones;</item>
/// <item>tone: the Pearson correlation between the source's gray, area-averaged to one value per cell, and the rendered
/// picture's, likewise — in fixed colours the rendered gray of a cell is its glyph's ink share, so tone says whether
/// brighter parts of the picture get more ink (SSIM of blurred pictures scores a bright area drawn as one dense glyph
/// about as well as anything; tone does not);</item>
/// <item>detail: the same correlation at <see cref="DetailDensity"/> samples per cell, where the glyphs' shapes show;</item>
/// <item>area tone: the same correlation over blocks of <see cref="AreaCells"/>×<see cref="AreaCells"/> cells, the
/// scale at which a dither's mix of two levels reads as the tone between them (per cell it is noise);</item>
/// <item>flicker: the share of cells whose character changes from one frame to the next, overall and on the still
/// parts of the picture (cells whose source brightness moved by less than <see cref="StillChange"/>).</item>
/// </list>
/// The benchmark and the Studio both use it, so the figure a designer sees is the one the README quotes.
/// </summary>
public sealed class LookMeter
{
    public const int PixelsPerCell = 4;
    public const double BlurSigma = 2;

    /// <summary>Change of a cell's mean source luma (0..255) below which the cell counts as still.</summary>
    public const double StillChange = 2;

    /// <summary>Samples per cell that detail compares: 2×4, what a glyph's shape can place within its cell.</summary>
    public static SampleDensity DetailDensity => SampleDensity.Standard;

    /// <summary>Side of the cell blocks area tone compares: half the 8×8 Bayer tile, a sixteenth-level step of a dither.</summary>
    public const int AreaCells = 4;

    private readonly int _columns, _rows, _width, _height;
    private readonly AreaResampler _sourceX, _sourceY, _renderX, _renderY;
    private readonly AreaResampler _sourceDetailX, _sourceDetailY, _renderDetailX, _renderDetailY;
    private readonly byte[] _sourceDetail, _renderedDetail;
    private readonly float[] _sourceTone, _renderedTone, _sourceArea, _renderedArea;
    private double _toneSum, _detailSum, _areaToneSum;
    private long _faintCells, _colouredCells;
    private int _toneFrames, _detailFrames, _areaToneFrames;
    private readonly float[] _scratch;
    private readonly byte[] _source, _rendered;
    private readonly float[] _planeSource, _planeRendered, _blurredSource, _blurredRendered, _blurScratch;
    private readonly float[] _previousMeans;
    private readonly ushort[] _previousCells;
    private readonly Ssim _ssim;
    private double _fidelitySum;
    private long _changed, _compared, _stillChanged, _stillCompared;

    /// <param name="source">Size of the source luma planes passed to <see cref="Observe"/>.</param>
    /// <param name="render">Size of the rendered luma planes.</param>
    public LookMeter(int columns, int rows, (int Width, int Height) source, (int Width, int Height) render)
    {
        (_columns, _rows) = (columns, rows);
        (_width, _height) = (columns * PixelsPerCell, rows * PixelsPerCell);
        _sourceX = new AreaResampler(source.Width, _width);
        _sourceY = new AreaResampler(source.Height, _height);
        _renderX = new AreaResampler(render.Width, _width);
        _renderY = new AreaResampler(render.Height, _height);
        var (detailWidth, detailHeight) = (columns * DetailDensity.X, rows * DetailDensity.Y);
        _sourceDetailX = new AreaResampler(source.Width, detailWidth);
        _sourceDetailY = new AreaResampler(source.Height, detailHeight);
        _renderDetailX = new AreaResampler(render.Width, detailWidth);
        _renderDetailY = new AreaResampler(render.Height, detailHeight);
        _sourceDetail = new byte[detailWidth * detailHeight];
        _renderedDetail = new byte[detailWidth * detailHeight];
        _sourceTone = new float[columns * rows];
        _renderedTone = new float[columns * rows];
        var areas = (columns + AreaCells - 1) / AreaCells * ((rows + AreaCells - 1) / AreaCells);
        (_sourceArea, _renderedArea) = (new float[areas], new float[areas]);
        _scratch = new float[new[]
        {
            AreaResampler.ScratchLength(_sourceX, _sourceY), AreaResampler.ScratchLength(_renderX, _renderY),
            AreaResampler.ScratchLength(_sourceDetailX, _sourceDetailY), AreaResampler.ScratchLength(_renderDetailX, _renderDetailY),
        }.Max()];
        _source = new byte[_width * _height];
        _rendered = new byte[_width * _height];
        _planeSource = new float[_width * _height];
        _planeRendered = new float[_width * _height];
        _blurredSource = new float[_width * _height];
        _blurredRendered = new float[_width * _height];
        _blurScratch = new float[_width * _height];
        _previousMeans = new float[columns * rows];
        _previousCells = new ushort[columns * rows];
        _ssim = new Ssim(_width, _height);
    }

    public int Frames { get; private set; }

    /// <summary>Mean SSIM so far (1 = the same picture seen from a distance).</summary>
    public double Fidelity => Frames == 0 ? 0 : _fidelitySum / Frames;

    /// <summary>Mean per-frame correlation of the source's and the rendered picture's cell tones (1 = tones kept); frames of one flat tone do not count.</summary>
    public double Tone => _toneFrames == 0 ? 0 : _toneSum / _toneFrames;

    /// <summary>The same at <see cref="DetailDensity"/> samples per cell.</summary>
    public double Detail => _detailFrames == 0 ? 0 : _detailSum / _detailFrames;

    /// <summary>The same over blocks of <see cref="AreaCells"/>² cells: tones as a dithered area shows them.</summary>
    public double AreaTone => _areaToneFrames == 0 ? 0 : _areaToneSum / _areaToneFrames;

    /// <summary>
    /// In two-colour cells, the share of cells whose glyph colour and background colour differ by less than
    /// <see cref="FaintDifference"/> in every channel: their glyph can hardly be seen. 0 when no cell colours were observed.
    /// </summary>
    public double FaintGlyphs => _colouredCells == 0 ? 0 : (double)_faintCells / _colouredCells;

    /// <summary>A tenth of the colour range.</summary>
    public const int FaintDifference = 26;

    /// <summary>Share of cells that changed character between consecutive frames.</summary>
    public double Flicker => _compared == 0 ? 0 : (double)_changed / _compared;

    /// <summary><see cref="Flicker"/> on the cells whose picture did not change.</summary>
    public double StillFlicker => _stillCompared == 0 ? 0 : (double)_stillChanged / _stillCompared;

    /// <summary>Scores one frame: full-range luma of the source and of the rendered picture, and the characters chosen.</summary>
    public void Observe(ReadOnlySpan<byte> sourceLuma, int sourceStride, ReadOnlySpan<byte> renderedLuma, int renderedStride, ReadOnlySpan<ushort> cells)
    {
        AreaResampler.Resample(sourceLuma, sourceStride, _sourceX, _sourceY, _scratch, _source);
        AreaResampler.Resample(renderedLuma, renderedStride, _renderX, _renderY, _scratch, _rendered);
        for (var i = 0; i < _source.Length; i++)
        {
            (_planeSource[i], _planeRendered[i]) = (_source[i], _rendered[i]);
        }

        GaussianBlur.Apply(_planeSource, _blurredSource, _blurScratch, _width, _height, BlurSigma);
        GaussianBlur.Apply(_planeRendered, _blurredRendered, _blurScratch, _width, _height, BlurSigma);
        _fidelitySum += _ssim.Measure(_blurredSource, _blurredRendered);

        AreaResampler.Resample(sourceLuma, sourceStride, _sourceDetailX, _sourceDetailY, _scratch, _sourceDetail);
        AreaResampler.Resample(renderedLuma, renderedStride, _renderDetailX, _renderDetailY, _scratch, _renderedDetail);
        Accumulate(Correlation.Pearson<byte>(_sourceDetail, _renderedDetail), ref _detailSum, ref _detailFrames);
        MeanPerCell(_sourceDetail, DetailDensity, _sourceTone);
        MeanPerCell(_renderedDetail, DetailDensity, _renderedTone);
        Accumulate(Correlation.Pearson<float>(_sourceTone, _renderedTone), ref _toneSum, ref _toneFrames);
        SumPerArea(_sourceTone, _sourceArea);
        SumPerArea(_renderedTone, _renderedArea);
        Accumulate(Correlation.Pearson<float>(_sourceArea, _renderedArea), ref _areaToneSum, ref _areaToneFrames);

        if (Frames > 0)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                var changed = cells[i] != _previousCells[i] ? 1 : 0;
                _changed += changed;
                _compared++;
                if (Math.Abs(_sourceTone[i] - _previousMeans[i]) < StillChange)
                {
                    _stillChanged += changed;
                    _stillCompared++;
                }
            }
        }

        cells.CopyTo(_previousCells);
        _sourceTone.CopyTo(_previousMeans, 0);
        Frames++;
    }

    /// <summary>Counts the frame's cells whose glyph and background colours are nearly the same (see <see cref="FaintGlyphs"/>).</summary>
    public void ObserveColors(ReadOnlySpan<RgbColor> glyphs, ReadOnlySpan<RgbColor> backgrounds)
    {
        for (var i = 0; i < glyphs.Length; i++)
        {
            var (glyph, background) = (glyphs[i], backgrounds[i]);
            var faint = Math.Abs(glyph.R - background.R) < FaintDifference && Math.Abs(glyph.G - background.G) < FaintDifference &&
                        Math.Abs(glyph.B - background.B) < FaintDifference;
            _faintCells += faint ? 1 : 0;
        }

        _colouredCells += glyphs.Length;
    }

    private static void Accumulate(double? value, ref double sum, ref int count)
    {
        if (value is { } r)
        {
            sum += r;
            count++;
        }
    }

    /// <summary>Sum of each <see cref="AreaCells"/>² block's cell tones (a partial block at the edge sums fewer: sums, as
    /// correlation needs only both sides treated alike).</summary>
    private void SumPerArea(ReadOnlySpan<float> cellTones, Span<float> areas)
    {
        areas.Clear();
        var areaColumns = (_columns + AreaCells - 1) / AreaCells;
        for (var cell = 0; cell < cellTones.Length; cell++)
        {
            areas[cell / _columns / AreaCells * areaColumns + cell % _columns / AreaCells] += cellTones[cell];
        }
    }

    /// <summary>Mean of each cell's samples in a plane of <paramref name="density"/> samples per cell.</summary>
    private void MeanPerCell(ReadOnlySpan<byte> picture, SampleDensity density, Span<float> means)
    {
        means.Clear();
        var width = _columns * density.X;
        for (var y = 0; y < _rows * density.Y; y++)
        {
            var row = y / density.Y * _columns;
            for (var x = 0; x < width; x++)
            {
                means[row + x / density.X] += picture[y * width + x];
            }
        }

        foreach (ref var mean in means)
        {
            mean /= density.PerCell;
        }
    }
}
