using VidStudio.Core.Frames;
using System.Buffers;
using System.Diagnostics;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Output;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Rendering;

namespace VidStudio.Bench;

/// <summary>ffmpeg doing the same work alone: the speed the engine is measured against.</summary>
internal static class Floors
{
    /// <summary>
    /// The engine's own frames, exactly as it pipes them to x264, in a raw yuv420p file: the encode floor must encode
    /// the same pictures. (Frames decoded back from the engine's MP4 are smoothed by the lossy round trip and encode
    /// ~20% faster, which would make the floor unreachable for the wrong reason.)
    /// </summary>
    public static async Task<string> RenderRawYuvAsync(FfmpegTools tools, FontSet fonts, string source, ConversionOptions options, string work)
    {
        var raw = Path.Combine(work, "frames.yuv");
        var media = await new VideoProber(tools).ProbeAsync(source);
        var renderer = new FrameRenderer(options, GridGeometry.For(media.Width, media.Height, options.Width, fonts.CellAspect), fonts);
        var yuv = ArrayPool<byte>.Shared.Rent(renderer.Yuv420Length);
        await using (var file = File.Create(raw))
        {
            await foreach (var frame in new FrameDecoder(tools).DecodeAsync(new DecodeRequest(source)))
            {
                using (frame)
                {
                    renderer.MapCharacters(frame);
                    renderer.ComposeGlyphs();
                }

                renderer.PaintYuv420(yuv);
                await file.WriteAsync(yuv.AsMemory(0, renderer.Yuv420Length));
            }
        }

        ArrayPool<byte>.Shared.Return(yuv);
        return raw;
    }

    /// <summary>x264 encoding raw yuv420p frames read from a file in the page cache.</summary>
    public static Task<double> EncodeRawAsync(string raw, int width, int height, int frames, string preset, int crf, string work) =>
        FramesPerSecondAsync(frames, "ffmpeg", ["-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{width}x{height}",
            "-framerate", "25", "-i", raw, .. new EncoderSettings(preset, crf).CodecArguments, "-pix_fmt", "yuv420p",
            Path.Combine(work, "floor.mp4")]);

    /// <summary>
    /// ffmpeg alone doing the whole MP4 job in one process: decoding the source to the analysis size (what the engine
    /// reads) while encoding the same raw frames with the same settings. Unlike <see cref="EncodeRawAsync"/> it pays
    /// for decoding, which shares the two cores with x264 in the engine too.
    /// </summary>
    public static Task<double> DecodeAndEncodeAsync(string source, int analysisWidth, int analysisHeight, string raw, int width, int height, int frames, string preset, int crf, string work) =>
        FramesPerSecondAsync(frames, "ffmpeg", ["-v", "error", "-y", "-i", source, "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{width}x{height}", "-framerate", "25", "-i", raw,
            "-filter_complex", $"[0:v]scale={analysisWidth}:{analysisHeight}:flags=area,format=yuv420p[analysis]",
            "-map", "[analysis]", "-f", "null", "-",
            "-map", "1:v", .. new EncoderSettings(preset, crf).CodecArguments, "-pix_fmt", "yuv420p", Path.Combine(work, "floor2.mp4")]);

    /// <summary>
    /// The user's yardstick: ffmpeg's own transcode of the source at the same preset and crf, with its audio,
    /// <c>ffmpeg -i SRC -c:v libx264 -preset P -crf C -c:a aac out.mp4</c>, in seconds.
    /// </summary>
    public static async Task<double> TranscodeSecondsAsync(string source, string preset, int crf, string work)
    {
        var clock = Stopwatch.StartNew();
        await Shell.RunAsync("ffmpeg", "-v", "error", "-y", "-i", source, "-c:v", "libx264", "-preset", preset, "-crf", crf.ToString(),
            "-c:a", "aac", Path.Combine(work, "transcode.mp4"));
        return clock.Elapsed.TotalSeconds;
    }

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
