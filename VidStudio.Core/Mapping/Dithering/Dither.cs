using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping.Dithering;

/// <summary>A dither as a job asks for it: the mode and its strength (0–1; 0 is no dither whatever the mode).</summary>
public readonly record struct Dither(DitherMode Mode, double Strength)
{
    public static Dither None => default;

    public static Dither For(ConversionOptions options) => new(options.Dither, options.DitherStrength);

    /// <summary>False when it changes nothing: no mode, or no strength.</summary>
    public bool IsActive => Mode != DitherMode.None && Strength > 0;
}
