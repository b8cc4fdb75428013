using System.Text;

namespace VidStudio.Core.Media;

/// <summary>
/// Recognises text files that make ffmpeg open other files or URLs (HLS and DASH manifests, ffconcat scripts, SMIL and
/// other playlists), so they are refused with a message that says what they are. The demuxer whitelist
/// (<see cref="FfmpegTools.AllowedDemuxers"/>) is what keeps ffmpeg from following them; this only explains the refusal.
/// </summary>
public static class PlaylistSignature
{
    private const int HeadLength = 512;

    private static readonly (string Marker, string Description)[] Markers =
    [
        ("#EXTM3U", "an HLS/M3U playlist"),
        ("#EXTINF", "an M3U playlist"),
        ("ffconcat", "an ffconcat script"),
        ("[playlist]", "a PLS playlist"),
        ("<MPD", "a DASH manifest"),
        ("<smil", "a SMIL playlist"),
        ("<?xml", "an XML document (such as a DASH manifest)"),
        ("file ", "an ffconcat list"),
    ];

    /// <summary>What kind of playlist the file is, or null when it does not start like one.</summary>
    public static string? Describe(string path)
    {
        Span<byte> head = stackalloc byte[HeadLength];
        int length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None))
        {
            length = stream.ReadAtLeast(head, HeadLength, throwOnEndOfStream: false);
        }

        var text = Encoding.Latin1.GetString(head[..length]).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n');
        foreach (var (marker, description) in Markers)
        {
            if (text.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                return description;
            }
        }

        return null;
    }
}
