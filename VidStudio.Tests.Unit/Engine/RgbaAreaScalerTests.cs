using VidStudio.Core.Output.Gif;

namespace VidStudio.Tests.Engine;

[Trait("Category", "Unit")]
public class RgbaAreaScalerTests
{
    [Fact]
    public void Halving_gives_each_pixel_the_rounded_mean_of_its_two_by_two_block_channel_by_channel()
    {
        byte[] source =
        [
            0, 0, 0, 255,  100, 50, 10, 255,  200, 0, 0, 0,    0, 0, 0, 255,
            4, 8, 12, 255, 0, 2, 2, 255,      56, 4, 0, 255,   0, 0, 0, 255,
        ];
        var destination = new byte[2 * 4];

        new RgbaAreaScaler(4, 2, 2, 1).Scale(source, destination);

        // Alpha of the second block: (0 + 255 + 255 + 255) / 4 = 191.25.
        Assert.Equal(new byte[] { 26, 15, 6, 255, 64, 1, 0, 191 }, destination);
    }

    [Fact]
    public void Shrinking_by_a_fraction_weights_each_pixel_by_how_much_of_it_lies_under_the_output_pixel()
    {
        // Three pixels into two: the first output pixel covers pixel 0 and half of pixel 1, the second the other half and pixel 2.
        byte[] source = [0, 0, 0, 255, 90, 90, 90, 255, 255, 255, 255, 255];
        var destination = new byte[2 * 4];

        new RgbaAreaScaler(3, 1, 2, 1).Scale(source, destination);

        // (0 + 90 / 2) / 1.5 = 30 and (90 / 2 + 255) / 1.5 = 200.
        Assert.Equal(new byte[] { 30, 30, 30, 255, 200, 200, 200, 255 }, destination);
    }

    [Fact]
    public void Every_output_channel_is_within_one_level_of_the_exact_area_mean()
    {
        const int sourceWidth = 50, sourceHeight = 7, width = 20, height = 3;
        var random = new Random(25);
        var source = new byte[sourceWidth * sourceHeight * 4];
        random.NextBytes(source);
        var destination = new byte[width * height * 4];

        new RgbaAreaScaler(sourceWidth, sourceHeight, width, height).Scale(source, destination);

        double scaleX = (double)sourceWidth / width, scaleY = (double)sourceHeight / height;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var channel = 0; channel < 4; channel++)
                {
                    var sum = 0.0;
                    for (var sy = 0; sy < sourceHeight; sy++)
                    {
                        var rowShare = Overlap(sy, y * scaleY, (y + 1) * scaleY);
                        for (var sx = 0; sx < sourceWidth; sx++)
                        {
                            sum += rowShare * Overlap(sx, x * scaleX, (x + 1) * scaleX) * source[(sy * sourceWidth + sx) * 4 + channel];
                        }
                    }

                    var mean = sum / (scaleX * scaleY);
                    Assert.InRange(destination[(y * width + x) * 4 + channel], mean - 1, mean + 1);
                }
            }
        }

        static double Overlap(int pixel, double start, double end) => Math.Max(0, Math.Min(end, pixel + 1) - Math.Max(start, pixel));
    }

    [Fact]
    public void Enlarging_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbaAreaScaler(10, 10, 20, 5));
    }
}
