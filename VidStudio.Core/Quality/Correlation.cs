using System.Numerics;

namespace VidStudio.Core.Quality;

/// <summary>Pearson's correlation coefficient of two equally long series.</summary>
public static class Correlation
{
    /// <summary>
    /// r in −1..1 of a reference <paramref name="a"/> and a rendering <paramref name="b"/>: null when the reference is
    /// constant (a flat picture has no tones to keep), 0 when only the rendering is (it kept none of them).
    /// </summary>
    public static double? Pearson<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : INumber<T>
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("The series differ in length.", nameof(b));
        }

        double sumA = 0, sumB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sumA += double.CreateTruncating(a[i]);
            sumB += double.CreateTruncating(b[i]);
        }

        double meanA = sumA / a.Length, meanB = sumB / b.Length, covariance = 0, varianceA = 0, varianceB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            double da = double.CreateTruncating(a[i]) - meanA, db = double.CreateTruncating(b[i]) - meanB;
            covariance += da * db;
            varianceA += da * da;
            varianceB += db * db;
        }

        // Below a hundredth of a gray level per value the series is flat: rounding noise would decide the sign.
        var floor = 1e-4 * a.Length;
        return varianceA < floor ? null : varianceB < floor ? 0 : covariance / Math.Sqrt(varianceA * varianceB);
    }
}
