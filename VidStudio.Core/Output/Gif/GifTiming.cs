using VidStudio.Core.Media;
using VidStudio.Core.Options;

namespace VidStudio.Core.Output.Gif;

/// <summary>
/// The GIF's frame rate and which of the output's frames it shows. Output frame <c>i</c> falls in GIF frame
/// <c>⌊i · gifRate / outputRate⌋</c>; the GIF shows the first output frame of each, so it keeps the output's duration
/// (to within one GIF frame) while the other outputs keep every frame. Frames the GIF skips are not even drawn when no
/// other output needs pixels.
/// </summary>
public sealed class GifTiming
{
    // GIF frame of output frame i = i * _slotNumerator / _slotDenominator, in whole numbers so 30000/1001 sources stay exact.
    private readonly long _slotNumerator, _slotDenominator;

    private GifTiming(FrameRate outputRate, FrameRate rate)
    {
        Rate = rate;
        (_slotNumerator, _slotDenominator) = ((long)rate.Numerator * outputRate.Denominator, (long)rate.Denominator * outputRate.Numerator);
    }

    public FrameRate Rate { get; }

    /// <summary><paramref name="requested"/> fps (default <see cref="ConversionOptions.MaxDefaultGifFps"/>), or the output's rate when that is lower: a GIF never repeats frames.</summary>
    public static GifTiming For(FrameRate outputRate, int? requested)
    {
        var cap = requested ?? ConversionOptions.MaxDefaultGifFps;
        return new GifTiming(outputRate, outputRate.Value <= cap ? outputRate : FrameRate.FromInteger(cap));
    }

    /// <summary>Whether output frame <paramref name="index"/> is the first of its GIF frame.</summary>
    public bool Takes(int index) => index == 0 || SlotOf(index) != SlotOf(index - 1);

    private long SlotOf(int index) => index * _slotNumerator / _slotDenominator;
}
