using System.Globalization;

namespace VidStudio.Core.Media;

/// <summary>
/// Counts a video stream's packets and finds where it ends, for containers that state neither (streamed MKV, WebM).
/// ffmpeg copies the stream to the null muxer and reports its running totals on <c>-progress</c>: a few lines every
/// half second, read one at a time, so the server holds the same few bytes whether the file has a thousand packets or
/// millions (asking ffprobe for every packet as JSON held them all at once: 600 MB for 3 million). The totals also let
/// a flood of tiny packets be refused while it is being read instead of after.
/// </summary>
internal sealed class PacketCounter(FfmpegTools tools)
{
    /// <summary>The highest frame rate a real video has; the prober takes a stated rate above it for a timebase artefact.</summary>
    public const double MaxPlausibleFrameRate = 1000;

    public async Task<(long Packets, double EndSeconds)> CountAsync(string fullPath, CancellationToken cancellationToken)
    {
        using var process = FfmpegProcess.Start(tools.Ffmpeg,
            ["-nostdin", "-hide_banner", "-v", "error", "-nostats", "-progress", "pipe:1",
             .. FfmpegTools.UntrustedInput(fullPath), "-map", "0:V:0", "-c", "copy", "-f", "null", "-"],
            cancellationToken);
        using var reader = new StreamReader(BoundedReadStream.ToolReport(process.StandardOutput));
        long packets = 0;
        double endSeconds = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var (key, value) = line.IndexOf('=') is var at and > 0 ? (line[..at], line[(at + 1)..]) : (line, "");
            switch (key)
            {
                case "frame":
                    packets = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : packets;
                    break;
                case "out_time_us":
                    endSeconds = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var us) && us > 0 ? us / 1e6 : endSeconds;
                    break;
                case "progress":
                    RefuseAbsurdRate(packets, endSeconds);
                    break;
            }
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (packets, endSeconds);
    }

    /// <summary>
    /// More packets than <see cref="MaxPlausibleFrameRate"/> for every second of picture read so far, with a second's
    /// grace (so a file with no timestamps gets that many before it is refused).
    /// </summary>
    private static void RefuseAbsurdRate(long packets, double seconds)
    {
        if (packets > MaxPlausibleFrameRate * (seconds + 1))
        {
            throw new VideoInputException(VideoInputError.Damaged,
                $"The video stream holds {packets} pictures in its first {seconds:0.#} s, more than {MaxPlausibleFrameRate:0} a second; no real video has that many, so the file is probably damaged or crafted.");
        }
    }
}
