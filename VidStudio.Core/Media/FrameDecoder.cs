using System.Globalization;
using System.Runtime.CompilerServices;
using VidStudio.Core.Mapping;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Media;

/// <summary>
/// Decode stage: ffmpeg decodes, applies the rotation flag, resamples to the output frame rate (dropping or repeating
/// frames so the duration never changes) and scales to the analysis size, piping limited-range BT.601 yuv420p frames.
/// </summary>
public sealed class FrameDecoder(FfmpegTools tools)
{
    /// <summary>Streams decoded frames; each must be disposed by the consumer. <paramref name="rate"/> null keeps the source's timing.</summary>
    public async IAsyncEnumerable<YuvFrame> DecodeAsync(
        string path, GridGeometry geometry, FrameRate? rate, double? startSeconds, int? maxFrames,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var arguments = new List<string> { "-nostdin", "-hide_banner", "-v", "error" };
        if (startSeconds is { } start)
        {
            arguments.AddRange(["-ss", start.ToString("0.######", CultureInfo.InvariantCulture)]);
        }

        // Limited range is kept (expanding it in ffmpeg costs ~15% of decode time; the tone table does it for free).
        var filters = $"scale={geometry.AnalysisWidth}:{geometry.AnalysisHeight}:flags=area:out_color_matrix=bt601,format=yuv420p";
        if (rate is { } r)
        {
            filters = $"fps={r},{filters}";
        }

        arguments.AddRange(["-i", FfmpegTools.SafeInputPath(path), "-an", "-sn", "-dn", "-vf", filters]);
        if (maxFrames is { } max)
        {
            arguments.AddRange(["-frames:v", max.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["-f", "rawvideo", "pipe:1"]);

        using var process = FfmpegProcess.Start(tools.Ffmpeg, arguments, cancellationToken);
        var frameLength = YuvFrame.ByteLength(geometry.AnalysisWidth, geometry.AnalysisHeight);
        var index = 0;
        while (true)
        {
            var frame = new YuvFrame(geometry.AnalysisWidth, geometry.AnalysisHeight) { Index = index };
            int read;
            try
            {
                read = await ReadFullyAsync(process.StandardOutput, frame.Data, cancellationToken).ConfigureAwait(false);
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

        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (index == 0)
        {
            throw exitCode == 0
                ? new VideoInputException(VideoInputError.NoFrames, "No frame could be decoded from the video" + (startSeconds is null ? "." : $" at {startSeconds:0.###} s."))
                : new VideoInputException(VideoInputError.Damaged, $"The video could not be decoded; it is probably damaged or truncated. ffmpeg said: {process.StderrTail}");
        }
    }

    private static async Task<int> ReadFullyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
