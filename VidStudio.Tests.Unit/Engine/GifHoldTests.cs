using VidStudio.Core.Output.Gif;

namespace VidStudio.Tests.Engine;

[Trait("Category", "Unit")]
public class GifHoldTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(37)]
    public void A_pixel_keeps_its_shown_value_while_every_channel_stays_within_the_tolerance_and_takes_the_frames_once_one_does_not(int pixels)
    {
        const byte tolerance = 4;
        var shown = new byte[pixels * 4];
        Array.Fill(shown, (byte)100);
        var frame = new byte[pixels * 4];
        for (var pixel = 0; pixel < pixels; pixel++)
        {
            // Even pixels drift by the tolerance in every channel; odd ones by one more in a single channel.
            var drift = pixel % 2 == 0 ? new byte[] { 104, 96, 104, 100 } : new byte[] { 100, 100, 100, 100 + tolerance + 1 };
            drift.CopyTo(frame, pixel * 4);
        }

        GifEncoder.Hold(frame, shown, tolerance);

        for (var pixel = 0; pixel < pixels; pixel++)
        {
            var expected = pixel % 2 == 0 ? new byte[] { 100, 100, 100, 100 } : frame[(pixel * 4)..(pixel * 4 + 4)];
            Assert.Equal(expected, shown[(pixel * 4)..(pixel * 4 + 4)]);
        }
    }
}
