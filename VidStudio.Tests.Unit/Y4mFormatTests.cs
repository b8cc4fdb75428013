using VidStudio.Core.Media;

namespace VidStudio.Tests.Unit;

/// <summary>The y4m syntax the encoder writes is the syntax the decoder reads.</summary>
[Trait("Category", "Unit")]
public sealed class Y4mFormatTests
{
    [Fact]
    public void A_written_header_parses_back_to_its_size()
    {
        var header = Y4mFormat.Header(1922, 1080, new FrameRate(30000, 1001));
        Assert.Equal("YUV4MPEG2 W1922 H1080 F30000:1001 Ip A1:1 C420jpeg\n", header);
        Assert.Equal((1922, 1080), Y4mFormat.ParseHeader(header.TrimEnd('\n')));
    }

    [Fact]
    public void The_frame_marker_is_as_long_as_writers_leave_room_for_and_is_recognised()
    {
        Assert.Equal(Y4mFormat.FrameMarkerLength, Y4mFormat.FrameMarker.Length);
        Assert.True(Y4mFormat.IsFrameMarker(System.Text.Encoding.ASCII.GetString(Y4mFormat.FrameMarker).TrimEnd('\n')));
        Assert.False(Y4mFormat.IsFrameMarker("YUV4MPEG2 W2 H2"));
    }

    [Theory]
    [InlineData("RIFF W640 H480")]
    [InlineData("YUV4MPEG2 W0 H480")]
    [InlineData("YUV4MPEG2 F25:1")]
    public void A_header_that_is_not_y4m_or_has_no_size_is_a_readable_failure(string header) =>
        Assert.Contains("unexpected stream header", Assert.Throws<ConversionFailedException>(() => Y4mFormat.ParseHeader(header)).Message);
}
