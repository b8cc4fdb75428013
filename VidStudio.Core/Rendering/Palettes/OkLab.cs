using VidStudio.Core.Options;

namespace VidStudio.Core.Rendering.Palettes;

/// <summary>
/// A colour in OKLab (Björn Ottosson, 2020): lightness L (0 black … 1 white) and the opponent axes a (green–red) and
/// b (blue–yellow). Euclidean distance in it follows perceived difference far better than distance in sRGB, which is
/// why palette colours are chosen by it.
/// </summary>
public readonly record struct OkLab(float L, float A, float B)
{
    /// <summary>sRGB byte → linear light, once per value.</summary>
    private static readonly float[] LinearOf = Enumerable.Range(0, 256).Select(v => (float)ToLinear(v / 255.0)).ToArray();

    public static OkLab FromRgb(RgbColor color)
    {
        float r = LinearOf[color.R], g = LinearOf[color.G], b = LinearOf[color.B];
        var l = MathF.Cbrt(0.4122214708f * r + 0.5363325363f * g + 0.0514459929f * b);
        var m = MathF.Cbrt(0.2119034982f * r + 0.6806995451f * g + 0.1073969566f * b);
        var s = MathF.Cbrt(0.0883024619f * r + 0.2817188376f * g + 0.6299787005f * b);
        return new(
            0.2104542553f * l + 0.7936177850f * m - 0.0040720468f * s,
            1.9779984951f * l - 2.4285922050f * m + 0.4505937099f * s,
            0.0259040371f * l + 0.7827717662f * m - 0.8086757660f * s);
    }

    /// <summary>ΔE in OKLab: the Euclidean distance (black to white is 1).</summary>
    public float DistanceTo(OkLab other) => MathF.Sqrt(DistanceSquaredTo(other));

    public float DistanceSquaredTo(OkLab other)
    {
        float dl = L - other.L, da = A - other.A, db = B - other.B;
        return dl * dl + da * da + db * db;
    }

    private static double ToLinear(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
}
