using VidStudio.Core.Media;
using VidStudio.Core.Output.Gif;

namespace VidStudio.Tests.Engine;

[Trait("Category", "Unit")]
public class GifTimingTests
{
    [Theory]
    [InlineData(25, 1, null, 15, 15)]
    [InlineData(30000, 1001, null, 15, 15)]
    [InlineData(24, 1, 10, 10, 10)]
    [InlineData(12, 1, null, 12, 12)]
    [InlineData(10, 1, 30, 10, 10)]
    public void A_second_of_output_frames_yields_gif_fps_frames_and_the_rate_never_exceeds_the_outputs(
        int numerator, int denominator, int? requested, int expectedRate, int expectedFramesPerSecond)
    {
        var outputRate = new FrameRate(numerator, denominator);
        var timing = GifTiming.For(outputRate, requested);

        Assert.Equal(expectedRate, timing.Rate.Value, 3);
        // Ten seconds of output frames, so a rate like 30000/1001 is counted over whole GIF seconds.
        var outputFrames = (int)Math.Round(outputRate.Value * 10);
        var taken = Enumerable.Range(0, outputFrames).Where(timing.Takes).ToList();
        Assert.InRange(taken.Count, expectedFramesPerSecond * 10 - 1, expectedFramesPerSecond * 10 + 1);
        Assert.Equal(0, taken[0]);
    }

    [Fact]
    public void Taken_frames_are_spread_evenly_so_none_is_shown_far_from_its_time()
    {
        var outputRate = FrameRate.FromInteger(25);
        var timing = GifTiming.For(outputRate, 15);

        var taken = Enumerable.Range(0, 250).Where(timing.Takes).ToList();
        for (var gifFrame = 0; gifFrame < taken.Count; gifFrame++)
        {
            // Shown at gifFrame / 15 s; taken from the output frame of that moment, never a whole output frame late.
            var lateness = taken[gifFrame] / outputRate.Value - gifFrame / timing.Rate.Value;
            Assert.InRange(lateness, 0, 1 / outputRate.Value);
        }
    }
}
