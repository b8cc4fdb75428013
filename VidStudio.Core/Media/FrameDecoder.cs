using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using VidStudio.Core.Mapping;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Media;

/// <summary>
/// Decode stage: ffmpeg decodes, applies the rotation flag, resamples to the output frame rate when asked (dropping or
/// repeating frames so the duration never changes) and scales to the analysis size, piping limited-range BT.601
/// yuv420p frames in a y4m stream. ffmpeg derives the analysis size from the upright frame itself and the y4m header
/// states it, so decoding needs nothing from the probe and can start while the file is still being probed.
/// <para>
/// <paramref name="singleThreaded"/> turns off ffmpeg's frame-threaded decoding. The output is bit-identical; it only
/// saves the threading overhead (~1.2 ms of CPU per 1080p H.264 frame here), which pays when an encoder already keeps every
/// core busy and decoding is not what the job waits for.
/// </para>
/// </summary>
public sealed class FrameDecoder(FfmpegTools tools, bool singleThreaded = false)
{
    private const int MaxHeaderLength = 512;

    // GridGeometry.AnalysisSize in ffmpeg's expression language: fit within the box, never enlarge, even sizes.
    private static readonly string AnalysisScale = BuildAnalysisScale(GridGeometry.MaxAnalysisSize);

    /// <summary>Streams decoded frames; each must be disposed by the consumer. <paramref name="rate"/> null keeps the source's timing.</summary>
    public async IAsyncEnumerable<YuvFrame> DecodeAsync(
        string path, FrameRate? rate, double? startSeconds, int? maxFrames,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var arguments = new List<string> { "-nostdin", "-hide_banner", "-v", "error" };
        if (singleThreaded)
        {
            arguments.AddRange(["-threads", "1"]);
        }

        if (startSeconds is { } start)
        {
            arguments.AddRange(["-ss", start.ToString("0.######", CultureInfo.InvariantCulture)]);
        }

        // Limited range is kept (expanding it in ffmpeg costs ~15% of decode time; the tone table does it for free).
        var filters = $"{AnalysisScale}:flags=area:out_color_matrix=bt601,setsar=1,format=yuv420p";
        if (rate is { } r)
        {
            filters = $"fps={r},{filters}";
        }

        arguments.AddRange(["-i", FfmpegTools.SafeInputPath(path), "-an", "-sn", "-dn", "-vf", filters]);
        if (maxFrames is { } max)
        {
            arguments.AddRange(["-frames:v", max.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["-f", "yuv4mpegpipe", "pipe:1"]);

        using var process = FfmpegProcess.Start(tools.Ffmpeg, arguments, cancellationToken);
        var output = new BufferedStream(process.StandardOutput, 1 << 16);
        var header = await ReadLineAsync(output, cancellationToken).ConfigureAwait(false);
        var index = 0;
        if (header is not null)
        {
            var (width, height) = ParseHeader(header);
            var frameLength = YuvFrame.ByteLength(width, height);
            while (await ReadLineAsync(output, cancellationToken).ConfigureAwait(false) is { } marker && marker.StartsWith("FRAME", StringComparison.Ordinal))
            {
                var frame = new YuvFrame(width, height) { Index = index };
                int read;
                try
                {
                    read = await output.ReadAtLeastAsync(frame.Data, frameLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    frame.Dispose();
                    throw;
                }

                if (read < frameLength)
                {
                    frame.Dispose();
                    break;
                }

                index++;
                yield return frame;
            }
        }

        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (index == 0)
        {
            throw exitCode == 0
                ? new VideoInputException(VideoInputError.NoFrames, "No frame could be decoded from the video" + (startSeconds is null ? "." : $" at {startSeconds:0.###} s."))
                : new VideoInputException(VideoInputError.Damaged, $"The video could not be decoded; it is probably damaged or truncated. ffmpeg said: {process.StderrTail}");
        }
    }

    /// <summary>
    /// The fit is computed on the display width (<c>iw*sar</c>; ffmpeg takes an unknown ratio as 1), so anamorphic
    /// frames come out with square pixels in the source's display aspect, as the probe reports them.
    /// </summary>
    private static string BuildAnalysisScale(int box)
    {
        var fit = $"min(1,min({box}/(iw*sar),{box}/ih))";
        return $"scale=w='max(2,2*floor(iw*sar*{fit}/2+0.5))':h='max(2,2*floor(ih*{fit}/2+0.5))'";
    }

    private static (int Width, int Height) ParseHeader(string header)
    {
        int width = 0, height = 0;
        foreach (var token in header.Split(' '))
        {
            if (token.Length > 1 && token[0] == 'W') width = int.Parse(token.AsSpan(1), CultureInfo.InvariantCulture);
            if (token.Length > 1 && token[0] == 'H') height = int.Parse(token.AsSpan(1), CultureInfo.InvariantCulture);
        }

        return header.StartsWith("YUV4MPEG2", StringComparison.Ordinal) && width > 0 && height > 0
            ? (width, height)
            : throw new ConversionFailedException($"ffmpeg wrote an unexpected stream header: '{header}'.");
    }

    /// <summary>One ASCII line of the y4m stream (header or frame marker), or null at the end of the stream.</summary>
    private static async ValueTask<string?> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var single = new byte[1];
        while (line.Length < MaxHeaderLength)
        {
            if (await stream.ReadAsync(single, cancellationToken).ConfigureAwait(false) == 0)
            {
                return line.Length == 0 ? null : line.ToString();
            }

            if (single[0] == (byte)'\n')
            {
                return line.ToString();
            }

            line.Append((char)single[0]);
        }

        throw new ConversionFailedException("ffmpeg wrote an unexpected stream header (no end of line).");
    }
}
