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
    {
        Mono = SKTypeface.FromFile(monoPath)
            ?? throw new FileNotFoundException($"The monospace font '{monoPath}' could not be loaded (Debian: apt-get install fonts-dejavu-core).", monoPath);
        Fallback = fallbackPath is not null && File.Exists(fallbackPath) ? SKTypeface.FromFile(fallbackPath) : null;

        using var font = new SKFont(Mono, ReferenceSize);
        var metrics = font.Metrics;
        AdvanceRatio = font.MeasureText("M") / ReferenceSize;
        LineHeightRatio = (metrics.Descent - metrics.Ascent) / ReferenceSize;
        AscentRatio = -metrics.Ascent / ReferenceSize;
    }

    public SKTypeface Mono { get; }

    public SKTypeface? Fallback { get; }

    /// <summary>Advance width of one character, as a fraction of the font size.</summary>
    public float AdvanceRatio { get; }

    /// <summary>Ascent plus descent, as a fraction of the font size.</summary>
    public float LineHeightRatio { get; }

    public float AscentRatio { get; }

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
