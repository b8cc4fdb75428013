namespace VidStudio.Core.Mapping;

/// <summary>
/// The two tones (0..1 luma) a matched glyph is drawn in: the frame's fixed text and background tones, or
/// <see cref="Free"/> when every cell gets its own pair (<see cref="Options.ColorMode.Cell"/>).
/// </summary>
public readonly record struct ShapeTones(bool IsFree, double Background, double Foreground)
{
    public static ShapeTones Free { get; } = new(true, 0, 1);

    /// <summary>Fixed tones; nearly equal ones (text barely visible) match as white on black, the useful reading.</summary>
    public static ShapeTones Fixed(double background, double foreground) =>
        Math.Abs(foreground - background) < 0.1 ? new(false, 0, 1) : new(false, background, foreground);
}
