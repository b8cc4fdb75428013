using VidStudio.Core.Frames;
using VidStudio.Core.Mapping;

namespace VidStudio.Core.Quality;

/// <summary>
/// Measures a look frame by frame, the way a viewer judges it:
/// <list type="bullet">
/// <item>fidelity: SSIM between the source and the rendered frame, both gray, area-scaled to
/// <see cref="PixelsPerCell"/>× the grid and blurred with a Gaussian of <see cref="BlurSigma"/> px (half a cell) —
/// the picture seen from a distance, where glyph shapes blend into tones;</item>
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

    private readonly int _columns, _rows, _width, _height;
    private readonly AreaResampler _sourceX, _sourceY, _renderX, _renderY;
    private readonly float[] _scratch;
    private readonly byte[] _source, _rendered;
    private readonly float[] _planeSource, _planeRendered, _blurredSource, _blurredRendered, _blurScratch;
    private readonly float[] _cellMeans, _previousMeans;
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
        _scratch = new float[Math.Max(AreaResampler.ScratchLength(_sourceX, _sourceY), AreaResampler.ScratchLength(_renderX, _renderY))];
        _source = new byte[_width * _height];
        _rendered = new byte[_width * _height];
        _planeSource = new float[_width * _height];
        _planeRendered = new float[_width * _height];
        _blurredSource = new float[_width * _height];
        _blurredRendered = new float[_width * _height];
        _blurScratch = new float[_width * _height];
        _cellMeans = new float[columns * rows];
        _previousMeans = new float[columns * rows];
        _previousCells = new ushort[columns * rows];
        _ssim = new Ssim(_width, _height);
    }

    public int Frames { get; private set; }

    /// <summary>Mean SSIM so far (1 = the same picture seen from a distance).</summary>
    public double Fidelity => Frames == 0 ? 0 : _fidelitySum / Frames;

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

        MeanPerCell(_source, _cellMeans);
        if (Frames > 0)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                var changed = cells[i] != _previousCells[i] ? 1 : 0;
                _changed += changed;
                _compared++;
                if (Math.Abs(_cellMeans[i] - _previousMeans[i]) < StillChange)
                {
                    _stillChanged += changed;
                    _stillCompared++;
                }
            }
        }

        cells.CopyTo(_previousCells);
        _cellMeans.CopyTo(_previousMeans, 0);
        Frames++;
    }

    private void MeanPerCell(ReadOnlySpan<byte> picture, Span<float> means)
    {
        means.Clear();
        for (var y = 0; y < _height; y++)
        {
            var row = y / PixelsPerCell * _columns;
            for (var x = 0; x < _width; x++)
            {
                means[row + x / PixelsPerCell] += picture[y * _width + x];
            }
        }

        foreach (ref var mean in means)
        {
            mean /= PixelsPerCell * PixelsPerCell;
        }
    }
}
