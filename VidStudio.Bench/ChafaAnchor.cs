using System.Diagnostics;
using System.Globalization;
using System.Text;
using VidStudio.Core.Frames;
using VidStudio.Core.Mapping;
using VidStudio.Core.Options;
using VidStudio.Core.Quality;
using VidStudio.Core.Rendering;
using VidStudio.Core.Rendering.Palettes;

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

    /// <summary>
    /// chafa's symbols drawn by the engine's own atlas: ASCII as text, or every symbol its block and block+sextant draw
    /// (U+2580–259F and the sextants) as exact cell geometry.
    /// </summary>
    public sealed class SymbolDrawing
    {
        private static readonly GlyphSet Mosaics = GlyphSet.Of([SymbolClass.Blocks, SymbolClass.Shades, SymbolClass.Quadrants, SymbolClass.Sextants]);

        private readonly Dictionary<int, ushort> _indexOf;
        private readonly FrameComposer _composer;
        private readonly ushort[] _cells;

        public SymbolDrawing(FontSet fonts, FrameLayout layout, bool ascii)
        {
            var glyphs = ascii ? GlyphSet.PrintableAscii : Mosaics;
            _indexOf = Enumerable.Range(0, glyphs.Count).ToDictionary(i => glyphs[i].Value, i => (ushort)i);
            _composer = new FrameComposer(layout, new GlyphAtlas(fonts, glyphs, layout.TileWidth, layout.TileHeight));
            _cells = new ushort[layout.Geometry.CellCount];
        }

        /// <summary>Draws one frame of code points into <paramref name="coverage"/>; returns its glyph indices (for flicker).</summary>
        public ushort[] Compose(int[] symbols, Span<byte> coverage)
        {
            for (var i = 0; i < _cells.Length; i++)
            {
                _cells[i] = _indexOf.TryGetValue(symbols[i], out var glyph)
                    ? glyph
                    : throw new InvalidOperationException($"chafa drew U+{symbols[i]:X4}, which is not among the symbols it was given.");
            }

            _composer.Compose(_cells, coverage);
            return _cells;
        }
    }

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
        var drawing = new SymbolDrawing(fonts, layout, ascii: symbols == "ascii");
        var symbolsOfFrame = new int[geometry.CellCount];
        var palette = new FramePalette(new ConversionOptions { ColorMode = ColorMode.Cell }, geometry.Columns);
        var pixels = new PixelConverter(layout);
        var meter = new LookMeter(geometry.Columns, geometry.Rows, (frames[0].Width, frames[0].Height), (geometry.RenderWidth, geometry.RenderHeight));
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

            var cells = drawing.Compose(symbolsOfFrame, coverage);
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

    /// <summary>chafa's frames of <paramref name="pngs"/>: per cell its symbol (code point) and its text and background colours.</summary>
    /// <param name="colors">chafa's -c: "full", "256", "16" or "none".</param>
    public static async Task<IReadOnlyList<(int[] Symbols, RgbColor[] Foregrounds, RgbColor[] Backgrounds)>> ReadFramesAsync(
        IReadOnlyList<string> pngs, GridGeometry geometry, string symbols, int work, string colors)
    {
        var lines = (await RunAsync(pngs, geometry, symbols, work, colors)).Split('\n').Where(line => line.Length > 0).ToList();
        var frames = new List<(int[], RgbColor[], RgbColor[])>();
        for (var frame = 0; frame < pngs.Count; frame++)
        {
            var (cells, foregrounds, backgrounds) = (new int[geometry.CellCount], new RgbColor[geometry.CellCount], new RgbColor[geometry.CellCount]);
            for (var row = 0; row < geometry.Rows; row++)
            {
                ParseRow(lines[frame * geometry.Rows + row], row * geometry.Columns, geometry.Columns, cells, foregrounds, backgrounds);
            }

            frames.Add((cells, foregrounds, backgrounds));
        }

        return frames;
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

    /// <summary>
    /// Reads one row of chafa's output: SGR colour sequences (38/48;2;r;g;b and 38/48;5;n, the 16 colours' 30–37, 90–97,
    /// 40–47, 100–107 — numbers read as xterm shows them — 7 inverse, 0 reset) and symbols (code points).
    /// </summary>
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
                            case 38 or 48 when codes[c + 1] == 5:
                                if (codes[c] == 38) fg = NamedPalettes.Xterm256[codes[c + 2]]; else bg = NamedPalettes.Xterm256[codes[c + 2]];
                                c += 2;
                                break;
                            case >= 30 and <= 37: fg = NamedPalettes.Standard16[codes[c] - 30]; break;
                            case >= 90 and <= 97: fg = NamedPalettes.Standard16[codes[c] - 90 + 8]; break;
                            case >= 40 and <= 47: bg = NamedPalettes.Standard16[codes[c] - 40]; break;
                            case >= 100 and <= 107: bg = NamedPalettes.Standard16[codes[c] - 100 + 8]; break;
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
