using System.Globalization;

namespace VidStudio.Core.Media;

/// <summary>
/// The y4m (YUV4MPEG2) stream both pipes to ffmpeg speak: one header line, then each picture behind a frame marker.
/// The decoder reads it from ffmpeg and the MP4 encoder writes it to ffmpeg, so its syntax lives here once.
/// </summary>
public static class Y4mFormat
{
    private const string Signature = "YUV4MPEG2";
    private const string FrameKeyword = "FRAME";

    /// <summary>Length of <see cref="FrameMarker"/>: writers leave this much room in front of each picture.</summary>
    public const int FrameMarkerLength = 6;

    /// <summary>The line in front of every picture.</summary>
    public static ReadOnlySpan<byte> FrameMarker => "FRAME\n"u8;

    /// <summary>
    /// The header of a progressive yuv420p stream with square pixels; chroma is sited at the centre of each 2×2 block
    /// (<c>C420jpeg</c>), as the renderer averages it.
    /// </summary>
    public static string Header(int width, int height, FrameRate rate) =>
        string.Create(CultureInfo.InvariantCulture, $"{Signature} W{width} H{height} F{rate.Numerator}:{rate.Denominator} Ip A1:1 C420jpeg\n");

    /// <summary>The picture size from a header line (without its newline).</summary>
    public static (int Width, int Height) ParseHeader(string header)
    {
        int width = 0, height = 0;
        foreach (var token in header.Split(' '))
        {
            if (token.Length > 1 && token[0] == 'W') width = int.Parse(token.AsSpan(1), CultureInfo.InvariantCulture);
            if (token.Length > 1 && token[0] == 'H') height = int.Parse(token.AsSpan(1), CultureInfo.InvariantCulture);
        }

        return header.StartsWith(Signature, StringComparison.Ordinal) && width > 0 && height > 0
            ? (width, height)
            : throw new ConversionFailedException($"ffmpeg wrote an unexpected stream header: '{header}'.");
    }

    /// <summary>Whether a line read between pictures announces another one (it may carry frame parameters).</summary>
    public static bool IsFrameMarker(string line) => line.StartsWith(FrameKeyword, StringComparison.Ordinal);
}
