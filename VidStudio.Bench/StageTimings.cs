using System.Buffers;
using System.Diagnostics;
using VidStudio.Core.Mapping;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Output;
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
        Console.WriteLine("width  style     render  yuv420  rgba   png    total(render+rgba+png)");
        foreach (var (width, style) in new[] { (120, AsciiStyle.Normal), (240, AsciiStyle.Normal), (240, AsciiStyle.Braille), (240, AsciiStyle.Edges) })
        {
            var geometry = GridGeometry.For(media, width, fonts.CellAspect);
            var renderer = new FrameRenderer(new ConversionOptions { Width = width, Style = style }, geometry, fonts);
            YuvFrame? frame = null;
            await foreach (var decoded in new FrameDecoder(tools).DecodeAsync(input, geometry, null, 1.0, 1))
            {
                frame = decoded;
            }

            using (frame)
            {
                var yuv = ArrayPool<byte>.Shared.Rent(renderer.Yuv420Length);
                var rgba = ArrayPool<uint>.Shared.Rent(renderer.RgbaLength);
                var render = Median(() => renderer.Render(frame!, composePixels: true));
                var toYuv = Median(() => renderer.PaintYuv420(yuv));
                var toRgba = Median(() => renderer.PaintRgba(rgba));
                var png = Median(() => PngEncoder.Encode(rgba.AsSpan(0, renderer.RgbaLength), geometry.RenderWidth, geometry.RenderHeight));
                Console.WriteLine($"{width,-6} {style,-9} {render,6:0.00}  {toYuv,6:0.00}  {toRgba,5:0.00}  {png,5:0.00}  {render + toRgba + png,6:0.00}");
                ArrayPool<byte>.Shared.Return(yuv);
                ArrayPool<uint>.Shared.Return(rgba);
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
