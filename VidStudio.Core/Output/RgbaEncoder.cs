using VidStudio.Core.Media;

namespace VidStudio.Core.Output;

/// <summary>An encoder fed unpremultiplied RGBA frames of the render size (<c>-f rawvideo -pix_fmt rgba</c>).</summary>
public abstract class RgbaEncoder(FfmpegProcess process, string partialPath, string finalPath, string what)
    : PipedEncoder(process, partialPath, finalPath, what)
{
    /// <summary>ffmpeg's input arguments for the piped frames.</summary>
    protected static string[] RgbaInput(int width, int height, FrameRate rate) =>
        ["-f", "rawvideo", "-pix_fmt", "rgba", "-s", $"{width}x{height}", "-framerate", rate.ToString(), "-i", "pipe:0"];

    public virtual ValueTask WriteFrameAsync(ReadOnlyMemory<byte> rgba, CancellationToken cancellationToken) => WriteAsync(rgba, cancellationToken);
}
