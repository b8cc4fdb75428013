using System.Diagnostics;

namespace VidStudio.Bench;

/// <summary>ffmpeg doing the same work alone: the speed the engine is measured against.</summary>
internal static class Floors
{
    public static async Task<string> DecodeToRawYuvAsync(string video, string work)
    {
        var raw = Path.Combine(work, "frames.yuv");
        await Shell.RunAsync("ffmpeg", "-v", "error", "-y", "-i", video, "-f", "rawvideo", "-pix_fmt", "yuv420p", raw);
        return raw;
    }

    /// <summary>x264 encoding raw yuv420p frames read from a file in the page cache.</summary>
    public static Task<double> EncodeRawAsync(string raw, int width, int height, int frames, string preset, int crf, string work) =>
        FramesPerSecondAsync(frames, "ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{width}x{height}",
            "-framerate", "25", "-i", raw, "-c:v", "libx264", "-preset", preset, "-crf", crf.ToString(), "-pix_fmt", "yuv420p",
            Path.Combine(work, "floor.mp4"));

    /// <summary>
    /// ffmpeg alone doing the whole MP4 job in one process: decoding the source to the analysis size (what the engine
    /// reads) while encoding the same raw frames with the same settings. Unlike <see cref="EncodeRawAsync"/> it pays
    /// for decoding, which shares the two cores with x264 in the engine too.
    /// </summary>
    public static Task<double> DecodeAndEncodeAsync(string source, int analysisWidth, int analysisHeight, string raw, int width, int height, int frames, string preset, int crf, string work) =>
        FramesPerSecondAsync(frames, "ffmpeg", "-v", "error", "-y", "-i", source, "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{width}x{height}", "-framerate", "25", "-i", raw,
            "-filter_complex", $"[0:v]scale={analysisWidth}:{analysisHeight}:flags=area,format=yuv420p[analysis]",
            "-map", "[analysis]", "-f", "null", "-",
            "-map", "1:v", "-c:v", "libx264", "-preset", preset, "-crf", crf.ToString(), "-pix_fmt", "yuv420p", Path.Combine(work, "floor2.mp4"));

    /// <summary>The text floor: <c>ffmpeg -i SRC -vf scale=W:H,format=gray -f rawvideo -y /dev/null</c>.</summary>
    public static Task<double> DecodeScaleGrayAsync(string input, int columns, int rows, int frames) =>
        FramesPerSecondAsync(frames, "ffmpeg", "-v", "error", "-i", input, "-vf", $"scale={columns}:{rows},format=gray", "-f", "rawvideo", "-y", "/dev/null");

    private static async Task<double> FramesPerSecondAsync(int frames, string executable, params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        await Shell.RunAsync(executable, arguments);
        return frames / clock.Elapsed.TotalSeconds;
    }
}
