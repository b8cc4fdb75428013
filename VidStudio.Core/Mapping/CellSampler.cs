using VidStudio.Core.Frames;
using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping;

/// <summary>
/// Reduces a decoded analysis frame to what the mapper and the colour stage read: the toned luma sample grid and,
/// in <see cref="ColorMode.Source"/>, each cell's average colour. Buffers are owned here and reused every frame,
/// so one sampler serves one frame at a time.
/// </summary>
public sealed class CellSampler
{
    private readonly ToneCurve _lumaTone, _colorTone;
    private readonly AreaResampler _lumaX, _lumaY;
    private readonly AreaResampler? _chromaX, _chromaY, _cellLumaX, _cellLumaY;
    private readonly float[] _scratch;
    private readonly byte[] _cellLuma, _cellU, _cellV;

    public CellSampler(GridGeometry geometry, ConversionOptions options)
    {
        _lumaTone = ToneCurve.ForLimitedRangeLuma(options);
        _colorTone = ToneCurve.For(options);
        var sampleColors = options.ColorMode == ColorMode.Source;
        _lumaX = new AreaResampler(geometry.AnalysisWidth, geometry.SampleWidth);
        _lumaY = new AreaResampler(geometry.AnalysisHeight, geometry.SampleHeight);
        Samples = new byte[geometry.SampleWidth * geometry.SampleHeight];
        var scratch = AreaResampler.ScratchLength(_lumaX, _lumaY);
        _cellLuma = _cellU = _cellV = [];
        if (sampleColors)
        {
            _cellLumaX = new AreaResampler(geometry.AnalysisWidth, geometry.Columns);
            _cellLumaY = new AreaResampler(geometry.AnalysisHeight, geometry.Rows);
            _chromaX = new AreaResampler(geometry.AnalysisWidth / 2, geometry.Columns);
            _chromaY = new AreaResampler(geometry.AnalysisHeight / 2, geometry.Rows);
            CellColors = new RgbColor[geometry.CellCount];
            (_cellLuma, _cellU, _cellV) = (new byte[geometry.CellCount], new byte[geometry.CellCount], new byte[geometry.CellCount]);
            scratch = Math.Max(scratch, AreaResampler.ScratchLength(_cellLumaX, _cellLumaY));
        }

        _scratch = new float[scratch];
    }

    /// <summary>The decoded frame size this sampler reads.</summary>
    public (int Width, int Height) AnalysisSize => (_lumaX.SourceLength, _lumaY.SourceLength);

    /// <summary>Toned luma, <see cref="GridGeometry.SampleWidth"/> × <see cref="GridGeometry.SampleHeight"/>.</summary>
    public byte[] Samples { get; }

    /// <summary>Toned average colour of each cell, row-major; null unless colours were asked for.</summary>
    public RgbColor[]? CellColors { get; }

    public void Sample(YuvFrame frame)
    {
        AreaResampler.Resample(frame.Luma, frame.Width, _lumaX, _lumaY, _scratch, Samples);
        _lumaTone.Apply(Samples);
        if (CellColors is null)
        {
            return;
        }

        AreaResampler.Resample(frame.Luma, frame.Width, _cellLumaX!, _cellLumaY!, _scratch, _cellLuma);
        AreaResampler.Resample(frame.ChromaU, frame.Width / 2, _chromaX!, _chromaY!, _scratch, _cellU);
        AreaResampler.Resample(frame.ChromaV, frame.Width / 2, _chromaX!, _chromaY!, _scratch, _cellV);
        for (var i = 0; i < CellColors.Length; i++)
        {
            // Limited-range BT.601, what the decoder is asked to produce.
            double y = 1.164383 * (_cellLuma[i] - 16), u = _cellU[i] - 128, v = _cellV[i] - 128;
            CellColors[i] = new RgbColor(
                _colorTone[ClampToByte(y + 1.596027 * v)],
                _colorTone[ClampToByte(y - 0.391762 * u - 0.812968 * v)],
                _colorTone[ClampToByte(y + 2.017232 * u)]);
        }
    }

    private static byte ClampToByte(double value) => (byte)Math.Clamp((int)Math.Round(value), 0, 255);
}
