using SkiaSharp;
using VidStudio.Core.Frames;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Quality;
using VidStudio.Core.Rendering;

namespace VidStudio.Bench;

/// <summary>
/// Contact sheets to look at: per clip, one PNG with the source frame at <c>--at</c>, every style (white on black,
/// and the shape styles in cell colours), every built-in preset, and chafa on the same grid, each labelled with its tone,
/// detail and flicker. Each look renders the frames before <c>--at</c> first, as a job would, so stability has warmed up
/// and the scores cover that run. Without <c>--clip</c>, the scenes ffmpeg generates (what the README's gallery shows).
/// With <c>--dither</c>, the sheet shows <see cref="DitherLooks"/> instead: each dither mode side by side.
/// </summary>
internal static class GalleryScenario
{
    private const int Columns = 120, SheetColumns = 4, LabelHeight = 40;

    /// <summary>Seconds rendered before the frame shown: longer than a stable look's refresh interval (40 frames).</summary>
    private const double WarmUpSeconds = 2;

    public static async Task RunAsync(FfmpegTools tools, FontSet fonts, string work, IReadOnlyList<string> clips, double at, int tileWidth, string output, bool dither)
    {
        Directory.CreateDirectory(output);
        var sources = clips.Count > 0 ? clips : await Inputs.ScenesAsync(work);
        foreach (var clip in sources)
        {
            var sheet = Path.Combine(output, Path.GetFileNameWithoutExtension(clip) + (dither ? "-dither" : "") + ".png");
            await DrawSheetAsync(tools, fonts, work, clip, at, tileWidth, sheet, dither);
            Console.WriteLine(sheet);
        }
    }

    private static IEnumerable<(string Name, ConversionOptions Options)> Looks() =>
        (from style in Enum.GetValues<AsciiStyle>().Where(style => style != AsciiStyle.Custom)
         select (ApiNames.Of(style), new ConversionOptions { Style = style, Width = Columns }))
        .Concat(from style in Enum.GetValues<AsciiStyle>().Where(AsciiStyles.MatchesShapes)
                select ($"{ApiNames.Of(style)}, cell colours", new ConversionOptions { Style = style, ColorMode = ColorMode.Cell, Width = Columns }))
        .Concat(BuiltInLooks.All.Select(look => ($"preset: {look.Name}", look.Options)));

    private static async Task DrawSheetAsync(FfmpegTools tools, FontSet fonts, string work, string clip, double at, int tileWidth, string sheet, bool dither)
    {
        var media = await new VideoProber(tools).ProbeAsync(clip);
        var start = Math.Max(0, at - WarmUpSeconds);
        var frames = new List<YuvFrame>();
        await foreach (var frame in new FrameDecoder(tools).DecodeAsync(new DecodeRequest(clip) { StartSeconds = start, MaxFrames = (int)Math.Ceiling((at - start) * media.FrameRate.Value) + 1 }))
        {
            frames.Add(frame);
        }

        var tiles = new List<(string Label, SKBitmap Picture)> { ($"source at {at:0.#} s ({media.Width}x{media.Height})", await SourceFrameAsync(work, clip, at)) };
        foreach (var (name, options) in dither ? DitherLooks.Modes : Looks())
        {
            var geometry = GridGeometry.For(media.Width, media.Height, options.Width, fonts.CellAspect);
            var pixels = new uint[geometry.RenderWidth * geometry.RenderHeight];
            var score = LookEvaluator.Evaluate(frames, options, geometry, fonts, lastFrame: pixels);
            tiles.Add((Label(name, options.Width, score), Bitmap(pixels, geometry)));
        }

        if (!dither && ChafaAnchor.IsInstalled())
        {
            var geometry = GridGeometry.For(media.Width, media.Height, Columns, fonts.CellAspect);
            var pngs = await Inputs.PngFramesAsync(work, clip, frames.Count, start);
            foreach (var (symbols, colors) in ChafaAnchor.SymbolSets.Select(symbols => (symbols, "none")).Append(("ascii", "full")))
            {
                var pixels = new uint[geometry.RenderWidth * geometry.RenderHeight];
                var score = await ChafaAnchor.EvaluateAsync(pngs, frames, geometry, fonts, symbols, 5, colors, pixels);
                tiles.Add((Label($"chafa {symbols} -c {colors}", Columns, score), Bitmap(pixels, geometry)));
            }
        }

        Compose(tiles, tileWidth, sheet, fonts);
        foreach (var (_, picture) in tiles)
        {
            picture.Dispose();
        }

        foreach (var frame in frames)
        {
            frame.Dispose();
        }
    }

    private static string Label(string name, int width, LookScore score) =>
        $"{name}, width {width}\ntone {score.Tone:0.00} · detail {score.Detail:0.00} · flicker {score.Flicker:P1}";

    private static async Task<SKBitmap> SourceFrameAsync(string work, string clip, double at)
    {
        var path = Path.Combine(work, $"source-{Path.GetFileNameWithoutExtension(clip)}-{at:0.###}.png");
        await Shell.RunAsync("ffmpeg", "-v", "error", "-y", "-ss", at.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", clip,
            "-frames:v", "1", "-pix_fmt", "rgb24", path);
        return SKBitmap.Decode(path);
    }

    private static SKBitmap Bitmap(uint[] rgba, GridGeometry geometry)
    {
        var bitmap = new SKBitmap(new SKImageInfo(geometry.RenderWidth, geometry.RenderHeight, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(rgba.AsSpan()).CopyTo(bitmap.GetPixelSpan());
        return bitmap;
    }

    private static void Compose(IReadOnlyList<(string Label, SKBitmap Picture)> tiles, int tileWidth, string path, FontSet fonts)
    {
        var first = tiles[0].Picture;
        var tileHeight = (int)Math.Round((double)tileWidth * first.Height / first.Width);
        var rows = (tiles.Count + SheetColumns - 1) / SheetColumns;
        using var sheet = new SKBitmap(SheetColumns * tileWidth, rows * (tileHeight + LabelHeight));
        using var canvas = new SKCanvas(sheet);
        canvas.Clear(new SKColor(0x20, 0x20, 0x20));
        using var font = new SKFont(fonts.Fallback ?? fonts.Mono, 14);
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var sampling = new SKPaint();
        for (var i = 0; i < tiles.Count; i++)
        {
            var (left, top) = (i % SheetColumns * tileWidth, i / SheetColumns * (tileHeight + LabelHeight));
            using var image = SKImage.FromBitmap(tiles[i].Picture);
            canvas.DrawImage(image, new SKRect(left, top, left + tileWidth, top + tileHeight), new SKSamplingOptions(SKCubicResampler.Mitchell), sampling);
            var lines = tiles[i].Label.Split('\n');
            for (var line = 0; line < lines.Length; line++)
            {
                canvas.DrawText(lines[line], left + 6, top + tileHeight + 16 + line * 17, SKTextAlign.Left, font, text);
            }
        }

        using var data = SKImage.FromBitmap(sheet).Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
