using System.Diagnostics;
using VidStudio.Core.Frames;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Rendering;
using VidStudio.Core.Rendering.Palettes;

namespace VidStudio.Bench;

/// <summary>
/// Palette colour error: how far each cell's colour as shown — the mean of its rendered pixels, glyph and background
/// mixed by coverage — lies from the source's cell colour (the engine's sampled mean), as ΔE in OKLab (Euclidean, black
/// to white = 1; reported ×100), averaged over cells and frames, for the engine's cell-colour looks in the 256 and 16
/// colour palettes and for chafa <c>--symbols block -c 256/16</c> on the same frames and grid (its colour numbers read
/// with xterm's values, as the engine's are). Then what choosing the palette colours costs per frame.
/// </summary>
internal static class PaletteScenario
{
    private const int Columns = 120;

    private static readonly AsciiStyle[] Styles = [AsciiStyle.ShapeBlocks, AsciiStyle.Blocks, AsciiStyle.Shape];

    private static readonly (Palette Palette, string Chafa)[] Palettes = [(Palette.Full, "full"), (Palette.Xterm256, "256"), (Palette.Standard16, "16")];

    public static async Task RunAsync(FfmpegTools tools, FontSet fonts, string work, IReadOnlyList<string> clips, int frameCount)
    {
        Console.WriteLine($"palette colour error at width {Columns}, first {frameCount} frames: mean ΔE (OKLab ×100) between each cell's source colour and its shown colour");
        foreach (var clip in clips.Count > 0 ? clips : [await Inputs.NaturalClipAsync(work, 640, 360, 4)])
        {
            await RunClipAsync(tools, fonts, work, clip, frameCount);
        }
    }

    private static async Task RunClipAsync(FfmpegTools tools, FontSet fonts, string work, string clip, int frameCount)
    {
        var media = await new VideoProber(tools).ProbeAsync(clip);
        var geometry = GridGeometry.For(media.Width, media.Height, Columns, fonts.CellAspect);
        var frames = new List<YuvFrame>();
        await foreach (var frame in new FrameDecoder(tools).DecodeAsync(new DecodeRequest(clip) { MaxFrames = frameCount }))
        {
            frames.Add(frame);
        }

        var layout = new FrameLayout(geometry);
        var source = SourceColors(frames, geometry, fonts);
        var table = new List<string[]> { new[] { "look", "full", "256", "16" } };
        var sampled = new List<(RgbColor[], RgbColor[], float[])>();
        foreach (var style in Styles)
        {
            var row = new List<string> { $"{ApiNames.Of(style)}, cell" };
            foreach (var (palette, _) in Palettes)
            {
                var renderer = new FrameRenderer(new ConversionOptions { Style = style, ColorMode = ColorMode.Cell, Palette = palette, Width = Columns }, geometry, fonts);
                var rgba = new uint[geometry.RenderWidth * geometry.RenderHeight];
                var error = 0.0;
                for (var i = 0; i < frames.Count; i++)
                {
                    renderer.MapCharacters(frames[i], i);
                    if (style == AsciiStyle.Shape && palette == Palette.Full)
                    {
                        // The renderer keeps no glyph shares; each glyph counts as the smaller side of its cell, as most are.
                        sampled.Add(([.. renderer.Palette.CellColors!], [.. renderer.Palette.CellBackgrounds!], new float[geometry.CellCount]));
                    }

                    renderer.ComposeGlyphs();
                    renderer.PaintRgba(rgba);
                    error += MeanError(source[i], CellMeans(layout, rgba));
                }

                row.Add((100 * error / frames.Count).ToString("0.00"));
            }

            table.Add([.. row]);
        }

        if (ChafaAnchor.IsInstalled())
        {
            var pngs = await Inputs.PngFramesAsync(work, clip, frames.Count);
            var row = new List<string> { "chafa --symbols block -w 5" };
            var pixels = new PixelConverter(layout);
            var coverage = new byte[geometry.RenderWidth * geometry.RenderHeight];
            var rgba = new uint[coverage.Length];
            var shown = new FramePalette(new ConversionOptions { ColorMode = ColorMode.Cell }, geometry.Columns);
            var drawing = new ChafaAnchor.SymbolDrawing(fonts, layout, ascii: false);
            foreach (var (_, colors) in Palettes)
            {
                var chafaFrames = await ChafaAnchor.ReadFramesAsync(pngs, geometry, "block", 5, colors);
                var error = 0.0;
                for (var i = 0; i < frames.Count; i++)
                {
                    var (symbols, foregrounds, backgrounds) = chafaFrames[i];
                    drawing.Compose(symbols, coverage);
                    shown.ForFrame(i, foregrounds, backgrounds);
                    pixels.ToRgbaAnyMode(coverage, shown, rgba);
                    error += MeanError(source[i], CellMeans(layout, rgba));
                }

                row.Add((100 * error / frames.Count).ToString("0.00"));
            }

            table.Add([.. row]);
        }

        Console.WriteLine();
        Console.WriteLine($"{Path.GetFileName(clip)} ({media.Width}x{media.Height}, {frames.Count} frames, grid {geometry.Columns}x{geometry.Rows})");
        Table.Print(table);
        PrintQuantizeCost(geometry, sampled);
        foreach (var frame in frames)
        {
            frame.Dispose();
        }
    }

    /// <summary>The engine's sampled colour of every cell of every frame (source colour mode, full palette).</summary>
    private static List<OkLab[]> SourceColors(List<YuvFrame> frames, GridGeometry geometry, FontSet fonts)
    {
        var renderer = new FrameRenderer(new ConversionOptions { ColorMode = ColorMode.Source, Width = Columns }, geometry, fonts);
        var colors = new List<OkLab[]>();
        for (var i = 0; i < frames.Count; i++)
        {
            renderer.MapCharacters(frames[i], i);
            colors.Add(renderer.Palette.CellColors!.Select(OkLab.FromRgb).ToArray());
        }

        return colors;
    }

    /// <summary>The mean colour (sRGB, as the source's is sampled) of each cell's rendered pixels.</summary>
    private static OkLab[] CellMeans(FrameLayout layout, uint[] rgba)
    {
        var columns = layout.Geometry.Columns;
        var sums = new long[layout.Geometry.CellCount * 4];
        for (var y = 0; y < layout.Height; y++)
        {
            var rowStart = layout.RowOfY[y] * columns;
            for (var x = 0; x < layout.Width; x++)
            {
                var pixel = rgba[y * layout.Width + x];
                var cell = 4 * (rowStart + layout.ColumnOfX[x]);
                sums[cell] += pixel & 0xFF;
                sums[cell + 1] += (pixel >> 8) & 0xFF;
                sums[cell + 2] += (pixel >> 16) & 0xFF;
                sums[cell + 3]++;
            }
        }

        var means = new OkLab[layout.Geometry.CellCount];
        for (var i = 0; i < means.Length; i++)
        {
            var n = sums[4 * i + 3];
            means[i] = OkLab.FromRgb(new RgbColor((byte)((sums[4 * i] + n / 2) / n), (byte)((sums[4 * i + 1] + n / 2) / n), (byte)((sums[4 * i + 2] + n / 2) / n)));
        }

        return means;
    }

    private static double MeanError(OkLab[] source, OkLab[] shown) => source.Zip(shown, (a, b) => (double)a.DistanceTo(b)).Average();

    /// <summary>Choosing every cell's two palette colours, per frame: the first pass over the clip (cold cache) and a second.</summary>
    private static void PrintQuantizeCost(GridGeometry geometry, List<(RgbColor[] Glyphs, RgbColor[] Backgrounds, float[] Shares)> sampled)
    {
        Console.WriteLine($"choosing palette colours ({2 * geometry.CellCount} per frame), µs per frame:");
        var table = new List<string[]> { new[] { "palette", "first pass", "second pass" } };
        foreach (var (palette, name) in Palettes.Where(p => p.Palette != Palette.Full))
        {
            var frame = new FramePalette(new ConversionOptions { ColorMode = ColorMode.Cell, Palette = palette }, geometry.Columns);
            var passes = new List<string> { name };
            for (var pass = 0; pass < 2; pass++)
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < sampled.Count; i++)
                {
                    frame.ForFrame(i, sampled[i].Glyphs, sampled[i].Backgrounds, sampled[i].Shares);
                }

                passes.Add((clock.Elapsed.TotalMicroseconds / sampled.Count).ToString("0"));
            }

            table.Add([.. passes]);
        }

        Table.Print(table);
    }
}
