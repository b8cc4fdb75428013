namespace VidStudio.Core.Mapping;

/// <summary>
/// How a cell's luma (0..1) becomes ink: in fixed tones, the source's whole range maps onto the glyph set's ink range,
/// bright to ink when the text is brighter than the background (<see cref="IsInverted"/> false), dark to ink when it is
/// darker; or <see cref="Free"/> when every cell gets its own pair of colours (<see cref="Options.ColorMode.Cell"/>).
/// </summary>
public readonly record struct ShapeTones(bool IsFree, bool IsInverted)
{
    public static ShapeTones Free { get; } = new(true, false);

    /// <summary>
    /// Fixed tones of these colours' lumas. Only their order counts: mapping luma between the two colours' own lumas made
    /// everything brighter than a mid-luma text colour (green, amber) full ink — the picture's highlights one wall of
    /// the densest glyph. Nearly equal lumas (text barely visible) read as white on black, the useful reading.
    /// </summary>
    public static ShapeTones Fixed(double background, double foreground) => new(false, foreground < background - 0.1);

    /// <summary>A luma's tone: 0 = background, 1 = full text.</summary>
    public double ToneOf(double luma) => IsInverted ? 1 - luma : luma;
}
