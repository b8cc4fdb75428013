using VidStudio.Core.Rendering;

namespace VidStudio.Tests.Engine;

[Trait("Category", "Unit")]
public class CoverageBlendTests
{
    [Theory]
    [InlineData(0, 255)]
    [InlineData(255, 0)]
    [InlineData(16, 235)]
    [InlineData(200, 37)]
    [InlineData(90, 90)]
    public void The_vector_blend_matches_the_exact_rounded_formula(byte from, byte to)
    {
        var coverage = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7919 % 256)).ToArray();
        var blended = new byte[coverage.Length];

        CoverageBlend.Blend(coverage, blended, from, to);

        for (var i = 0; i < coverage.Length; i++)
        {
            var exact = (int)Math.Round(from + (to - from) * coverage[i] / 255.0, MidpointRounding.AwayFromZero);
            Assert.InRange(blended[i], exact - 1, exact + 1);
            Assert.Equal(CoverageBlend.Lerp(from, to, coverage[i]), blended[i]);
        }

        Assert.Equal(from, CoverageBlend.Lerp(from, to, 0));
        Assert.Equal(to, CoverageBlend.Lerp(from, to, 255));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(77)]
    [InlineData(1)]
    public void Block_averages_match_the_scalar_definition_for_any_width(int width)
    {
        var upper = Enumerable.Range(0, width).Select(i => (byte)(i * 31 % 256)).ToArray();
        var lower = Enumerable.Range(0, width).Select(i => (byte)(i * 97 % 256)).ToArray();
        var blocks = new byte[(width + 1) / 2];

        CoverageBlend.AverageBlocks(upper, lower, blocks);

        for (var i = 0; i < blocks.Length; i++)
        {
            int x0 = 2 * i, x1 = Math.Min(x0 + 1, width - 1);
            Assert.Equal((upper[x0] + upper[x1] + lower[x0] + lower[x1] + 2) >> 2, blocks[i]);
        }
    }
}
