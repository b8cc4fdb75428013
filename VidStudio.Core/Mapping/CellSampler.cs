using VidStudio.Core.Frames;
using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping;

/// <summary>
/// Reduces a decoded analysis frame to what the mapper and the colour stage read: the toned luma sample grid at the
/// mapper's <see cref="SampleDensity"/> and, in <see cref="ColorMode.Source"/>, each cell's average colour; in
/// <see cref="ColorMode.Cell"/>, untoned luma and chroma at the sample density, which <see cref="CellColorizer"/> splits
/// between glyph and background. Buffers are owned here and reused every frame, so one sampler serves one frame at a time.
/// </summary>
public sealed class CellSampler
{
    private readonly ConversionOptions _options;
    private readonly AutoLevels? _levels;
    private ToneCurve _lumaTone, _colorTone;
    private readonly AreaResampler _lumaX, _lumaY;
    private readonly AreaResampler? _chromaX, _chromaY, _cellLumaX, _cellLumaY;
    private readonly float[] _scratch;
    private readonly byte[] _cellLuma, _cellU, _cellV;

    public CellSampler(GridGeometry geometry, ConversionOptions options, SampleDensity density)
    {
        _options = options;
        _lumaTone = ToneCurve.ForLimitedRangeLuma(options);
        _colorTone = ToneCurve.For(options);
        _levels = options.AutoLevels ? new AutoLevels() : null;
        Density = density;
        var (width, height) = (density.Width(geometry), density.Height(geometry));
        _lumaX = new AreaResampler(geometry.AnalysisWidth, width);
        _lumaY = new AreaResampler(geometry.AnalysisHeight, height);
        Samples = new byte[width * height];
        var scratch = AreaResampler.ScratchLength(_lumaX, _lumaY);
        _cellLuma = _cellU = _cellV = [];
        RawLuma = ChromaU = ChromaV = [];
        if (options.ColorMode == ColorMode.Source)
        {
            _cellLumaX = new AreaResampler(geometry.AnalysisWidth, geometry.Columns);
            _cellLumaY = new AreaResampler(geometry.AnalysisHeight, geometry.Rows);
            _chromaX = new AreaResampler(geometry.AnalysisWidth / 2, geometry.Columns);
            _chromaY = new AreaResampler(geometry.AnalysisHeight / 2, geometry.Rows);
            CellColors = new RgbColor[geometry.CellCount];
            (_cellLuma, _cellU, _cellV) = (new byte[geometry.CellCount], new byte[geometry.CellCount], new byte[geometry.CellCount]);
            scratch = Math.Max(scratch, AreaResampler.ScratchLength(_cellLumaX, _cellLumaY));
        }
        else if (options.ColorMode == ColorMode.Cell)
        {
            // Chroma is half resolution already: the standard 2×4 per cell carries all of it the shape density would.
            var chroma = SampleDensity.Standard;
            _chromaX = new AreaResampler(geometry.AnalysisWidth / 2, chroma.Width(geometry));
            _chromaY = new AreaResampler(geometry.AnalysisHeight / 2, chroma.Height(geometry));
            RawLuma = new byte[width * height];
            (ChromaU, ChromaV) = (new byte[chroma.Width(geometry) * chroma.Height(geometry)], new byte[chroma.Width(geometry) * chroma.Height(geometry)]);
            scratch = Math.Max(scratch, AreaResampler.ScratchLength(_chromaX, _chromaY));
        }

        _scratch = new float[scratch];
    }

    /// <summary>The decoded frame size this sampler reads.</summary>
    public (int Width, int Height) AnalysisSize => (_lumaX.SourceLength, _lumaY.SourceLength);

    public SampleDensity Density { get; }

    /// <summary>Toned luma at <see cref="Density"/>, row-major over the whole frame.</summary>
    public byte[] Samples { get; }

    /// <summary>Untoned (video-range) luma at <see cref="Density"/>; empty unless the colour mode is cell.</summary>
    public byte[] RawLuma { get; }

    /// <summary>Chroma at <see cref="SampleDensity.Standard"/> (2×4 per cell); empty unless the colour mode is cell.</summary>
    public byte[] ChromaU { get; }

    public byte[] ChromaV { get; }

    /// <summary>Toned average colour of each cell, row-major; null unless colours were asked for.</summary>
    public RgbColor[]? CellColors { get; }

    public void Sample(YuvFrame frame)
    {
        if (_levels is not null && _levels.Observe(frame.Luma))
        {
            _lumaTone = ToneCurve.ForLuma(_options, _levels.Low, _levels.High);
            _colorTone = ToneCurve.ForColors(_options, _levels.Low, _levels.High);
        }

        AreaResampler.Resample(frame.Luma, frame.Width, _lumaX, _lumaY, _scratch, Samples);
        if (RawLuma.Length > 0)
        {
            Samples.CopyTo(RawLuma, 0);
            AreaResampler.Resample(frame.ChromaU, frame.Width / 2, _chromaX!, _chromaY!, _scratch, ChromaU);
            AreaResampler.Resample(frame.ChromaV, frame.Width / 2, _chromaX!, _chromaY!, _scratch, ChromaV);
        }

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
            CellColors[i] = ToColor(_cellLuma[i], _cellU[i], _cellV[i]);
        }
    }

    /// <summary>A decoded (limited-range BT.601, what the decoder is asked for) sample's colour, toned.</summary>
    public RgbColor ToColor(double y, double u, double v)
    {
        y = 1.164383 * (y - 16);
        u -= 128;
        v -= 128;
        return new RgbColor(
            _colorTone[ClampToByte(y + 1.596027 * v)],
            _colorTone[ClampToByte(y - 0.391762 * u - 0.812968 * v)],
            _colorTone[ClampToByte(y + 2.017232 * u)]);
    }

    private static byte ClampToByte(double value) => (byte)Math.Clamp((int)Math.Round(value), 0, 255);
}
