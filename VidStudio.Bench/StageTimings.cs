using VidStudio.Core.Frames;
using System.Buffers;
using System.Diagnostics;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Rendering;

namespace VidStudio.Bench;

/// <summary>Milliseconds per frame of each in-process stage on one decoded 1080p frame (median of repeated runs).</summary>
internal static class StageTimings
{
    public static async Task PrintAsync(FfmpegTools tools, FontSet fonts, string input)
    {
        var media = await new VideoProber(tools).ProbeAsync(input);
        Console.WriteLine($"per-frame stage costs on a {media.Width}x{media.Height} frame, ms (median of 30):");
        Console.WriteLine("width  style     render  yuv420  png    preview(render+png)");
        foreach (var (width, style, mode) in new[] { (120, AsciiStyle.Normal, ColorMode.Fixed), (240, AsciiStyle.Normal, ColorMode.Fixed), (240, AsciiStyle.Braille, ColorMode.Fixed), (240, AsciiStyle.Edges, ColorMode.Fixed), (240, AsciiStyle.Normal, ColorMode.Source) })
        {
            var geometry = GridGeometry.For(media.Width, media.Height, width, fonts.CellAspect);
            var renderer = new FrameRenderer(new ConversionOptions { Width = width, Style = style, ColorMode = mode }, geometry, fonts);
            YuvFrame? frame = null;
            await foreach (var decoded in new FrameDecoder(tools).DecodeAsync(new DecodeRequest(input) { StartSeconds = 1.0, MaxFrames = 1 }))
            {
                frame = decoded;
            }

            using (frame)
            {
                var yuv = ArrayPool<byte>.Shared.Rent(renderer.Yuv420Length);
                var render = Median(() =>
                {
                    renderer.MapCharacters(frame!);
                    renderer.ComposeGlyphs();
                });
                var toYuv = Median(() => renderer.PaintYuv420(yuv));
                var png = Median(() =>
                {
                    using var capture = renderer.CapturePng();
                    capture.WriteTo(Stream.Null);
                });
                Console.WriteLine($"{width,-6} {(mode == ColorMode.Source ? "source" : style.ToString()),-9} {render,6:0.00}  {toYuv,6:0.00}  {png,5:0.00}  {render + png,6:0.00}");
                ArrayPool<byte>.Shared.Return(yuv);
            }
        }
    }

    private static double Median(Action action)
    {
        for (var i = 0; i < 60; i++) action(); // past tiered JIT warm-up
        var times = new double[30];
        for (var i = 0; i < times.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }
}
