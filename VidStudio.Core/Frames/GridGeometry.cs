namespace VidStudio.Core.Frames;

/// <summary>
/// Every size of one conversion, derived once from the source's display size, the column count and the font's cell
/// aspect: the character grid, the sample grid the mapper reads (2×4 samples per cell, what braille needs), the size
/// ffmpeg decodes at, and the size frames are rendered at.
/// </summary>
public sealed record GridGeometry
{
    public const int SamplesPerCellX = 2, SamplesPerCellY = 4;

    /// <summary>
    /// The decoder scales to fit this box (ffmpeg's area filter does the first, exact averaging): 1.3× the widest
    /// sample grid (2×240), and a quarter of the pipe traffic and sampling work of 960 px.
    /// </summary>
    public const int MaxAnalysisSize = 640;

    /// <summary>Below this many pixels per cell a glyph cannot be drawn legibly, so tiny sources are rendered larger.</summary>
    public const int MinCellPixelWidth = 4;

    public required int Columns { get; init; }
    public required int Rows { get; init; }
    public required int AnalysisWidth { get; init; }
    public required int AnalysisHeight { get; init; }
    public required int RenderWidth { get; init; }
    public required int RenderHeight { get; init; }

    public int SampleWidth => Columns * SamplesPerCellX;
    public int SampleHeight => Rows * SamplesPerCellY;
    public int CellCount => Columns * Rows;

    /// <summary>H.264 in yuv420p needs even sizes; odd render sizes get one background-coloured pixel of padding.</summary>
    public int EncodeWidth => (RenderWidth + 1) & ~1;
    public int EncodeHeight => (RenderHeight + 1) & ~1;

    public static GridGeometry For(int sourceWidth, int sourceHeight, int columns, double cellAspect)
    {
        var (analysisWidth, analysisHeight) = AnalysisSize(sourceWidth, sourceHeight);
        var rows = Math.Max(1, (int)Math.Round(columns * (double)sourceHeight / sourceWidth * cellAspect));
        var scale = (int)Math.Ceiling(MinCellPixelWidth * (double)columns / sourceWidth);
        scale = Math.Max(scale, (int)Math.Ceiling(MinCellPixelWidth / cellAspect * rows / sourceHeight));
        scale = Math.Max(1, scale);
        return new GridGeometry
        {
            Columns = columns,
            Rows = rows,
            AnalysisWidth = analysisWidth,
            AnalysisHeight = analysisHeight,
            RenderWidth = sourceWidth * scale,
            RenderHeight = sourceHeight * scale,
        };
    }

    /// <summary>
    /// The decode size depends on the source alone, so a cached preview frame serves every width. The decoder computes
    /// the same in ffmpeg (and its stream header is what counts); rounding is floor(x + 0.5) in both.
    /// </summary>
    public static (int Width, int Height) AnalysisSize(int sourceWidth, int sourceHeight)
    {
        var scale = Math.Min(1.0, Math.Min((double)MaxAnalysisSize / sourceWidth, (double)MaxAnalysisSize / sourceHeight));
        return (Even(sourceWidth * scale), Even(sourceHeight * scale));

        static int Even(double size) => Math.Max(2, 2 * (int)Math.Floor(size / 2 + 0.5));
    }

    /// <summary>This geometry with the analysis size the decoder actually produced.</summary>
    public GridGeometry WithAnalysisSize(int width, int height) =>
        width == AnalysisWidth && height == AnalysisHeight ? this : this with { AnalysisWidth = width, AnalysisHeight = height };
}
