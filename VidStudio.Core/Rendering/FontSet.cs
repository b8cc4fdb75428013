using System.Text;
using SkiaSharp;

namespace VidStudio.Core.Rendering;

/// <summary>
/// The monospace font glyphs are drawn with, plus a fallback for characters it lacks (Skia does no font fallback).
/// Loaded by path, not by family name, so the output does not depend on fontconfig's choices.
/// </summary>
public sealed class FontSet : IDisposable
{
    public const string DefaultMonoPath = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
    public const string DefaultFallbackPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private const float ReferenceSize = 100f;

    public FontSet(string monoPath = DefaultMonoPath, string? fallbackPath = DefaultFallbackPath)
        : this(SKTypeface.FromFile(monoPath)
            ?? throw new FileNotFoundException($"The monospace font '{monoPath}' could not be loaded (Debian: apt-get install fonts-dejavu-core).", monoPath), fallbackPath)
    {
    }

    private FontSet(SKTypeface mono, string? fallbackPath)
    {
        Mono = mono;
        Fallback = fallbackPath is not null && File.Exists(fallbackPath) ? SKTypeface.FromFile(fallbackPath) : null;

        using var font = new SKFont(Mono, ReferenceSize);
        var metrics = font.Metrics;
        AdvanceRatio = font.MeasureText("M") / ReferenceSize;
        LineHeightRatio = (metrics.Descent - metrics.Ascent) / ReferenceSize;
        AscentRatio = -metrics.Ascent / ReferenceSize;
    }

    /// <summary>The narrowest and widest cell accepted from a user's font: beyond them the grid would be a few tall or wide cells.</summary>
    public const double MinCellAspect = 0.25, MaxCellAspect = 1.5;

    /// <summary>
    /// The font in <paramref name="path"/> (an upload), or the reason it cannot draw text: not a font Skia reads, a
    /// truncated one, one without outlines for the ASCII letters and digits, or a cell too narrow or wide.
    /// </summary>
    public static (FontSet? Font, string? Error) TryLoad(string path, string? fallbackPath = DefaultFallbackPath)
    {
        var typeface = SKTypeface.FromFile(path);
        if (typeface is null)
        {
            return (null, "The file is not a TrueType or OpenType font.");
        }

        var fonts = new FontSet(typeface, fallbackPath);
        var error = fonts.LetterError() ?? (fonts.CellAspect is >= MinCellAspect and <= MaxCellAspect && fonts.LineHeightRatio > 0
            ? null
            : $"The font's character cell is {fonts.CellAspect:0.###} as wide as it is tall; between {MinCellAspect} and {MaxCellAspect} is accepted.");
        if (error is null)
        {
            return (fonts, null);
        }

        fonts.Dispose();
        return (null, error);
    }

    /// <summary>Why the font cannot draw letters (a glyph missing or without an outline, as in a truncated file), or null.</summary>
    private string? LetterError()
    {
        using var font = new SKFont(Mono, ReferenceSize);
        foreach (var letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        {
            var glyph = font.GetGlyph(letter);
            using var outline = glyph == 0 ? null : font.GetGlyphPath(glyph);
            if (outline is null || outline.IsEmpty)
            {
                return $"The font has no usable glyph for '{letter}': it is not a complete font for text (or the file is truncated).";
            }
        }

        return null;
    }

    public SKTypeface Mono { get; }

    public SKTypeface? Fallback { get; }

    /// <summary>Advance width of one character, as a fraction of the font size.</summary>
    public float AdvanceRatio { get; }

    /// <summary>Ascent plus descent, as a fraction of the font size.</summary>
    public float LineHeightRatio { get; }

    public float AscentRatio { get; }

    /// <summary>The font's family name, as the file states it.</summary>
    public string Family => Mono.FamilyName;

    /// <summary>Whether every ASCII character has the same advance (a true monospace font); other fonts are drawn one glyph per cell all the same.</summary>
    public bool IsMonospace
    {
        get
        {
            using var font = new SKFont(Mono, ReferenceSize);
            return font.MeasureText("i") == font.MeasureText("M") && font.MeasureText(".") == font.MeasureText("W");
        }
    }

    /// <summary>Width / height of one character cell: a grid of such cells keeps a circle round.</summary>
    public double CellAspect => AdvanceRatio / LineHeightRatio;

    /// <summary>The typeface that has a glyph for <paramref name="symbol"/>, preferring the monospace one.</summary>
    public SKTypeface TypefaceFor(Rune symbol)
    {
        using var mono = new SKFont(Mono);
        if (mono.GetGlyph(symbol.Value) != 0 || Fallback is null)
        {
            return Mono;
        }

        using var fallback = new SKFont(Fallback);
        return fallback.GetGlyph(symbol.Value) != 0 ? Fallback : Mono;
    }

    public void Dispose()
    {
        Mono.Dispose();
        Fallback?.Dispose();
    }
}
