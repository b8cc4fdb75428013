using System.Diagnostics;
using System.Globalization;
using System.Text;
using VidStudio.Core.Frames;
using VidStudio.Core.Mapping;
using VidStudio.Core.Options;
using VidStudio.Core.Quality;
using VidStudio.Core.Rendering;

namespace VidStudio.Bench;

/// <summary>
/// chafa, the still-image converter the quality figures are anchored to: it converts the same source frames (as PNG
/// files at the source's resolution) to the same grid, with ASCII symbols or with block and sextant mosaics, and its
/// output — symbols with a foreground and background colour each — is drawn by VidStudio's own renderer (from the engine's
/// glyph atlas: ASCII as text, mosaics as exact cell geometry), so its figures are measured exactly like the engine's.
/// </summary>
internal static class ChafaAnchor
{
    public static bool IsInstalled() => File.Exists("/usr/bin/chafa") || (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':').Any(dir => File.Exists(Path.Combine(dir, "chafa")));

    /// <summary>chafa's --symbols the figures compare with: ASCII for the text styles, block + sextant mosaics for the block styles.</summary>
    public static IReadOnlyList<string> SymbolSets { get; } = ["ascii", "block+sextant"];

    /// <summary>Every symbol chafa's block+sextant draws (U+2580–259F and the sextants), drawn by the engine's atlas as exact geometry.</summary>
    private static readonly GlyphSet Mosaics = GlyphSet.Of([SymbolClass.Blocks, SymbolClass.Shades, SymbolClass.Quadrants, SymbolClass.Sextants]);

    /// <param name="symbols">chafa's --symbols, one of <see cref="SymbolSets"/>.</param>
    /// <param name="colors">chafa's -c: "full" (two colours per cell) or "none" (characters only, drawn white on black).</param>
    /// <param name="lastFrame">When given, receives chafa's last frame as drawn (RGBA at the render size), to be looked at.</param>
    public static async Task<LookScore> EvaluateAsync(
        IReadOnlyList<string> pngs, IReadOnlyList<YuvFrame> frames, GridGeometry geometry, FontSet fonts, string symbols, int work, string colors,
        uint[]? lastFrame = null)
    {
        var clock = Stopwatch.StartNew();
        var output = await RunAsync(pngs, geometry, symbols, work, colors);
        var milliseconds = clock.Elapsed.TotalMilliseconds / pngs.Count;
        var lines = output.Split('\n').Where(line => line.Length > 0).ToList();
        if (lines.Count != pngs.Count * geometry.Rows)
        {
            throw new InvalidOperationException($"chafa printed {lines.Count} lines for {pngs.Count} frames of {geometry.Rows} rows.");
        }

        var layout = new FrameLayout(geometry);
        var glyphs = symbols == "ascii" ? GlyphSet.PrintableAscii : Mosaics;
        var indexOf = Enumerable.Range(0, glyphs.Count).ToDictionary(i => glyphs[i].Value, i => (ushort)i);
        var composer = new FrameComposer(layout, new GlyphAtlas(fonts, glyphs, layout.TileWidth, layout.TileHeight));
        var symbolsOfFrame = new int[geometry.CellCount];
        var palette = new FramePalette(new ConversionOptions { ColorMode = ColorMode.Cell }, geometry.Columns);
        var pixels = new PixelConverter(layout);
        var meter = new LookMeter(geometry.Columns, geometry.Rows, (frames[0].Width, frames[0].Height), (geometry.RenderWidth, geometry.RenderHeight));
        var cells = new ushort[geometry.CellCount];
        var (foregrounds, backgrounds) = (new RgbColor[geometry.CellCount], new RgbColor[geometry.CellCount]);
        var coverage = new byte[geometry.RenderWidth * geometry.RenderHeight];
        var yuv = new byte[PixelConverter.Yuv420Length(geometry)];
        var sourceLuma = new byte[frames[0].Width * frames[0].Height];
        for (var frame = 0; frame < pngs.Count; frame++)
        {
            for (var row = 0; row < geometry.Rows; row++)
            {
                ParseRow(lines[frame * geometry.Rows + row], row * geometry.Columns, geometry.Columns, symbolsOfFrame, foregrounds, backgrounds);
            }

            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = indexOf.TryGetValue(symbolsOfFrame[i], out var glyph)
                    ? glyph
                    : throw new InvalidOperationException($"chafa drew U+{symbolsOfFrame[i]:X4}, which is not among the symbols it was given.");
            }

            composer.Compose(cells, coverage);
            palette.ForFrame(frame, foregrounds, backgrounds);
            pixels.ToYuv420(coverage, palette, yuv);
            var luma = yuv.AsSpan(0, geometry.EncodeWidth * geometry.EncodeHeight);
            VideoRange.ToFullRange(luma, luma);
            VideoRange.ToFullRange(frames[frame].Luma, sourceLuma);
            meter.Observe(sourceLuma, frames[frame].Width, yuv, geometry.EncodeWidth, cells);
            if (colors == "full")
            {
                meter.ObserveColors(foregrounds, backgrounds);
            }
        }

        if (lastFrame is not null)
        {
            pixels.ToRgbaAnyMode(coverage, palette, lastFrame);
        }

        return LookScore.Of(meter, milliseconds);
    }

    private static async Task<string> RunAsync(IReadOnlyList<string> pngs, GridGeometry geometry, string symbols, int work, string colors)
    {
        var start = new ProcessStartInfo("chafa") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--format", "symbols", "--symbols", symbols, "-w", work.ToString(CultureInfo.InvariantCulture), "-c", colors,
                     "--size", $"{geometry.Columns}x{geometry.Rows}", "--stretch", "-O", "0", "--animate", "off",
                     "--bg", "000000", "--fg", "ffffff",
                 }.Concat(pngs))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"chafa failed ({process.ExitCode}): {errors}");
    }

    /// <summary>Reads one row of chafa's output: SGR colour sequences (38/48;2;r;g;b, 7 inverse, 0 reset) and symbols (code points).</summary>
    private static void ParseRow(string line, int first, int columns, int[] symbols, RgbColor[] foregrounds, RgbColor[] backgrounds)
    {
        RgbColor white = new(255, 255, 255), black = new(0, 0, 0);
        var (fg, bg, inverse) = (white, black, false);
        var column = 0;
        for (var i = 0; i < line.Length && column < columns; i++)
        {
            if (line[i] == '\u001b' && i + 1 < line.Length && line[i + 1] == '[')
            {
                var end = line.IndexOfAny(['m', 'h', 'l', 'H', 'J', 'K'], i + 2);
                if (line[end] == 'm')
                {
                    var codes = line[(i + 2)..end].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
                    for (var c = 0; c < codes.Length; c++)
                    {
                        switch (codes[c])
                        {
                            case 0 when codes.Length == 1 || c == 0: (fg, bg, inverse) = (white, black, false); break;
                            case 7: inverse = true; break;
                            case 38 or 48 when codes[c + 1] == 2:
                                var color = new RgbColor((byte)codes[c + 2], (byte)codes[c + 3], (byte)codes[c + 4]);
                                if (codes[c] == 38) fg = color; else bg = color;
                                c += 4;
                                break;
                            case 39: fg = white; break;
                            case 49: bg = black; break;
                        }
                    }
                }

                i = end;
                continue;
            }

            var symbol = Rune.GetRuneAt(line, i);
            symbols[first + column] = symbol.Value;
            i += symbol.Utf16SequenceLength - 1;
            (foregrounds[first + column], backgrounds[first + column]) = inverse ? (bg, fg) : (fg, bg);
            column++;
        }

        if (column != columns)
        {
            throw new InvalidOperationException($"A chafa row had {column} cells, not {columns}.");
        }
    }
}
