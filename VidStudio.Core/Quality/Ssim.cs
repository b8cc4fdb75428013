namespace VidStudio.Core.Quality;

/// <summary>
/// Structural similarity (Wang et al. 2004) of two gray planes: an 11×11 Gaussian window of σ 1.5, K1 0.01, K2 0.03,
/// values 0..255, averaged over every pixel (windows clamp at the borders).
/// </summary>
internal sealed class Ssim
{
    private const double WindowSigma = 1.5;
    private const float C1 = 0.01f * 255 * 0.01f * 255, C2 = 0.03f * 255 * 0.03f * 255;

    private readonly int _width, _height;
    private readonly float[] _kernel = new float[11];
    private readonly float[][] _moments;
    private readonly float[] _scratch;

    public Ssim(int width, int height)
    {
        (_width, _height) = (width, height);
        GaussianBlur.Kernel(WindowSigma, _kernel);
        _moments = Enumerable.Range(0, 5).Select(_ => new float[width * height]).ToArray();
        _scratch = new float[width * height];
    }

    public double Measure(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        // Local means, second moments and covariance, each a windowed average of a product plane.
        var products = _moments;
        for (var i = 0; i < a.Length; i++)
        {
            (products[0][i], products[1][i], products[2][i], products[3][i], products[4][i]) = (a[i], b[i], a[i] * a[i], b[i] * b[i], a[i] * b[i]);
        }

        foreach (var plane in products)
        {
            Window(plane);
        }

        double total = 0;
        for (var i = 0; i < a.Length; i++)
        {
            float ma = products[0][i], mb = products[1][i];
            float va = products[2][i] - ma * ma, vb = products[3][i] - mb * mb, cov = products[4][i] - ma * mb;
            total += (2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
        }

        return total / a.Length;
    }

    private void Window(float[] plane) => GaussianBlur.Convolve(plane, plane, _scratch, _width, _height, _kernel);
}
