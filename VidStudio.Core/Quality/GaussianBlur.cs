namespace VidStudio.Core.Quality;

/// <summary>Separable Gaussian filtering of float planes; edges repeat the border pixel.</summary>
internal static class GaussianBlur
{
    /// <summary>Blurs <paramref name="source"/> into <paramref name="target"/> with a Gaussian of <paramref name="sigma"/> (radius 3σ).</summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> target, Span<float> scratch, int width, int height, double sigma)
    {
        Span<float> kernel = stackalloc float[2 * (int)Math.Ceiling(3 * sigma) + 1];
        Kernel(sigma, kernel);
        Convolve(source, target, scratch, width, height, kernel);
    }

    /// <summary>Convolves rows then columns with a symmetric <paramref name="kernel"/>; <paramref name="target"/> may be <paramref name="source"/>.</summary>
    public static void Convolve(ReadOnlySpan<float> source, Span<float> target, Span<float> scratch, int width, int height, ReadOnlySpan<float> kernel)
    {
        var radius = kernel.Length / 2;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var sum = 0f;
                for (var k = -radius; k <= radius; k++)
                {
                    sum += kernel[k + radius] * source[y * width + Math.Clamp(x + k, 0, width - 1)];
                }

                scratch[y * width + x] = sum;
            }
        }

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var sum = 0f;
                for (var k = -radius; k <= radius; k++)
                {
                    sum += kernel[k + radius] * scratch[Math.Clamp(y + k, 0, height - 1) * width + x];
                }

                target[y * width + x] = sum;
            }
        }
    }

    public static void Kernel(double sigma, Span<float> kernel)
    {
        var radius = kernel.Length / 2;
        var total = 0.0;
        for (var k = -radius; k <= radius; k++)
        {
            total += Math.Exp(-k * k / (2 * sigma * sigma));
        }

        for (var k = -radius; k <= radius; k++)
        {
            kernel[k + radius] = (float)(Math.Exp(-k * k / (2 * sigma * sigma)) / total);
        }
    }
}
