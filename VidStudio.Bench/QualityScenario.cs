using VidStudio.Core.Frames;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Quality;
using VidStudio.Core.Rendering;

namespace VidStudio.Bench;

/// <summary>
/// The quality figures: for each clip (generated ones, plus every <c>--clip PATH</c>), the first frames rendered at
/// width 120 with each look, scored by <see cref="LookMeter"/> (fidelity, flicker, render ms), next to chafa on the
/// same frames and grid. Then the render time per 1080p frame of the shape styles at widths 120 and 240.
/// </summary>
internal static class QualityScenario
{
    private const int Columns = 120;

    /// <summary>Every style (custom is a ramp like normal) in every colour mode, white on black.</summary>
    private static readonly (string Name, ConversionOptions Options)[] Looks =
    [
        .. from style in Enum.GetValues<AsciiStyle>().Where(style => style != AsciiStyle.Custom)
           from colorMode in Enum.GetValues<ColorMode>()
           select ($"{ApiNames.Of(style)}, {ApiNames.Of(colorMode)}", Look(style, colorMode)),
    ];

    /// <param name="stabilitySweep">Also score the shape looks at stability 0, 0.25 … 1 and glyph contrast 0 … 0.3: how the defaults were chosen.</param>
    /// <param name="symbolsSweep">Also score mosaic with other symbol classes: how its default was chosen.</param>
    /// <param name="lookPrefix">Only the looks (and chafa's rows) whose names start with this; empty for all.</param>
    /// <param name="ditherSweep">Also score <see cref="DitherLooks"/>: each dither mode on ramp styles, and strengths below full.</param>
    public static async Task RunAsync(
        FfmpegTools tools, FontSet fonts, string work, IReadOnlyList<string> clips, int frameCount, bool stabilitySweep, bool symbolsSweep, string lookPrefix, bool ditherSweep)
    {
        var chafa = ChafaAnchor.IsInstalled();
        if (!chafa)
        {
            Console.WriteLine("chafa is not installed (sudo apt-get install chafa): its rows are left out.");
        }

        var generated = new[]
        {
            await Inputs.TestClipAsync(work, 640, 360, 4),
            await Inputs.NaturalClipAsync(work, 640, 360, 4),
        };
        Console.WriteLine($"quality at width {Columns}, first {frameCount} frames, white on black; tone/detail = correlation of the source's and the " +
                          "rendered gray per cell / at 2x4 per cell; area tone = the same over 4x4-cell blocks; fidelity = SSIM of the blurred gray pictures (1 = same); flicker = cells changing per frame");
        foreach (var clip in generated.Concat(clips))
        {
            await RunClipAsync(tools, fonts, work, clip, frameCount, chafa, stabilitySweep, symbolsSweep, lookPrefix, ditherSweep);
        }

        if (lookPrefix.Length == 0)
        {
            await PrintRenderTimesAsync(tools, fonts, await Inputs.NaturalClipAsync(work, 1920, 1080, 2));
        }
    }

    private static async Task RunClipAsync(
        FfmpegTools tools, FontSet fonts, string work, string clip, int frameCount, bool chafa, bool stabilitySweep, bool symbolsSweep, string lookPrefix, bool ditherSweep)
    {
        var media = await new VideoProber(tools).ProbeAsync(clip);
        var geometry = GridGeometry.For(media.Width, media.Height, Columns, fonts.CellAspect);
        var frames = new List<YuvFrame>();
        await foreach (var frame in new FrameDecoder(tools).DecodeAsync(new DecodeRequest(clip) { MaxFrames = frameCount }))
        {
            frames.Add(frame);
        }

        var table = new List<string[]> { new[] { "look", "tone", "area tone", "detail", "fidelity", "flicker", "still flicker", "faint glyphs", "ms/frame" } };
        var scores = new Dictionary<string, LookScore>();
        var sweep = stabilitySweep
            ? from style in new[] { "shape, fixed", "shape, cell", "shape_blocks, fixed" }
              from stability in new[] { 0, 0.25, 0.5, 0.75, 1.0 }
              select ($"{style}, stability {stability:0.00}", Looks.Single(l => l.Name == style).Options with { Stability = stability })
            : [];
        var contrastSweep = from style in new[] { "shape, cell", "shape_blocks, cell" }
                            from contrast in new[] { 0, 0.1, 0.15, 0.2, 0.3 }
                            select ($"{style}, glyph contrast {contrast:0.00}", Looks.Single(l => l.Name == style).Options with { GlyphContrast = contrast });
        sweep = stabilitySweep ? sweep.Concat(contrastSweep) : sweep;
        var symbolsVariants = from look in new[] { "mosaic, fixed", "mosaic, cell" }
                              from symbols in new[] { "quadrants", "sextants", "octants", "sextants,quadrants", "octants,blocks", "sextants,blocks", "octants,blocks,shades" }
                              select ($"{look}, symbols {symbols}", Looks.Single(l => l.Name == look).Options with { Symbols = symbols });
        sweep = symbolsSweep ? sweep.Concat(symbolsVariants) : sweep;
        sweep = ditherSweep ? sweep.Concat(DitherLooks.Modes).Concat(DitherLooks.Strengths) : sweep;
        foreach (var (name, options) in Looks.Concat(sweep).Where(look => look.Item1.StartsWith(lookPrefix, StringComparison.Ordinal)))
        {
            scores[name] = LookEvaluator.Evaluate(frames, options with { Width = Columns }, geometry, fonts);
        }

        if (chafa && "chafa".StartsWith(lookPrefix, StringComparison.Ordinal))
        {
            var pngs = await Inputs.PngFramesAsync(work, clip, frames.Count);
            foreach (var symbols in ChafaAnchor.SymbolSets)
            {
                foreach (var colors in new[] { "none", "full" })
                {
                    scores[$"chafa {symbols} -w 5 -c {colors}"] = await ChafaAnchor.EvaluateAsync(pngs, frames, geometry, fonts, symbols, 5, colors);
                }
            }
        }

        foreach (var (name, score) in scores)
        {
            table.Add([name, score.Tone.ToString("0.00"), score.AreaTone.ToString("0.000"), score.Detail.ToString("0.00"), score.Fidelity.ToString("0.000"),
                score.Flicker.ToString("P1"), score.StillFlicker.ToString("P1"), score.FaintGlyphs.ToString("P0"), score.RenderMilliseconds.ToString("0.00")]);
        }

        Console.WriteLine();
        Console.WriteLine($"{Path.GetFileName(clip)} ({media.Width}x{media.Height}, {frames.Count} frames, grid {geometry.Columns}x{geometry.Rows})");
        Table.Print(table);
        foreach (var frame in frames)
        {
            frame.Dispose();
        }
    }

    private static async Task PrintRenderTimesAsync(FfmpegTools tools, FontSet fonts, string clip)
    {
        var media = await new VideoProber(tools).ProbeAsync(clip);
        var frames = new List<YuvFrame>();
        await foreach (var frame in new FrameDecoder(tools).DecodeAsync(new DecodeRequest(clip) { MaxFrames = 25 }))
        {
            frames.Add(frame);
        }

        Console.WriteLine();
        Console.WriteLine($"render ms per {media.Width}x{media.Height} frame (map + draw + paint yuv420, one core):");
        var table = new List<string[]> { new[] { "look", "w120", "w240" } };
        foreach (var (name, options) in Looks.Where(l => l.Name.StartsWith("shape") || l.Name.StartsWith("normal")))
        {
            var times = new[] { 120, 240 }.Select(width =>
                LookEvaluator.Evaluate(frames, options with { Width = width }, GridGeometry.For(media.Width, media.Height, width, fonts.CellAspect), fonts).RenderMilliseconds);
            table.Add([name, .. times.Select(t => t.ToString("0.00"))]);
        }

        Table.Print(table);
        foreach (var frame in frames)
        {
            frame.Dispose();
        }
    }

    private static ConversionOptions Look(AsciiStyle style, ColorMode colorMode) =>
        new() { Style = style, ColorMode = colorMode, TextColor = "#FFFFFF", BgColor = "#000000" };
}
