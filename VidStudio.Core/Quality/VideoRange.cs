namespace VidStudio.Core.Quality;

/// <summary>Video-range (16–235) luma to full range (0–255), so source and rendered pictures compare on one scale.</summary>
public static class VideoRange
{
    private static readonly byte[] FullRange = Enumerable.Range(0, 256)
        .Select(v => (byte)Math.Clamp((int)Math.Round((v - 16) * 255 / 219.0), 0, 255)).ToArray();

    public static void ToFullRange(ReadOnlySpan<byte> videoRange, Span<byte> fullRange)
    {
        for (var i = 0; i < videoRange.Length; i++)
        {
            fullRange[i] = FullRange[videoRange[i]];
        }
    }
}
