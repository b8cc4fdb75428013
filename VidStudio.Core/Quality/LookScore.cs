namespace VidStudio.Core.Quality;

/// <summary>How a look did on a run of frames (see <see cref="LookMeter"/>); render time is map + draw + paint per frame.</summary>
/// <param name="FaintGlyphs">In two-colour cells, the share whose glyph hardly differs from its background (<see cref="LookMeter.FaintGlyphs"/>).</param>
/// <param name="AreaTone">Tone over blocks of cells (<see cref="LookMeter.AreaTone"/>), where a dither shows what it is for.</param>
public sealed record LookScore(double Fidelity, double Tone, double Detail, double Flicker, double StillFlicker, double FaintGlyphs, double RenderMilliseconds, double AreaTone)
{
    /// <summary>Tone below which a look has lost most of the picture's tones (a wall of one dense glyph, say).</summary>
    public const double LowTone = 0.5;

    public static LookScore Of(LookMeter meter, double renderMilliseconds) =>
        new(meter.Fidelity, meter.Tone, meter.Detail, meter.Flicker, meter.StillFlicker, meter.FaintGlyphs, renderMilliseconds, meter.AreaTone);
}
