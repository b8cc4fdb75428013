using System.Text;
using System.Text.Json;
using VidStudio.Web.Api.WebSockets;

namespace VidStudio.Tests.Api;

[Trait("Category", "Unit")]
public class StartMessageSplitterTests
{
    // Bytes whose base64 is full of '+' and '/', which System.Text.Json escapes (\u002B).
    private static readonly byte[] Video = Enumerable.Range(0, 50_000).Select(i => (byte)(i * 251 % 256 | 0xF8)).ToArray();

    private static (byte[] Video, JsonElement Kept) Split(byte[] message, int chunkSize)
    {
        using var video = new MemoryStream();
        var splitter = new StartMessageSplitter(video);
        for (var offset = 0; offset < message.Length; offset += chunkSize)
        {
            splitter.Write(message.AsSpan(offset, Math.Min(chunkSize, message.Length - offset)));
        }

        splitter.Complete();
        Assert.True(splitter.FoundFile);
        Assert.Equal(video.Length, splitter.VideoLength);
        return (video.ToArray(), JsonDocument.Parse(splitter.Rest).RootElement.Clone());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4099)]
    [InlineData(1 << 20)]
    public void The_video_is_decoded_whatever_the_chunking_and_the_rest_keeps_every_parameter(int chunkSize)
    {
        var message = JsonSerializer.SerializeToUtf8Bytes(new { action = "start", width = 40, file_base64 = Convert.ToBase64String(Video), style = "dots", nested = new { file_base64 = "kept" } });
        Assert.Contains("\\u002B", Encoding.ASCII.GetString(message));

        var (video, rest) = Split(message, chunkSize);

        Assert.Equal(Video, video);
        Assert.Equal("start", rest.GetProperty("action").GetString());
        Assert.Equal(40, rest.GetProperty("width").GetInt32());
        Assert.Equal("dots", rest.GetProperty("style").GetString());
        Assert.Equal("", rest.GetProperty("file_base64").GetString());
        Assert.Equal("kept", rest.GetProperty("nested").GetProperty("file_base64").GetString());
    }

    [Fact]
    public void Escaped_slashes_and_mime_line_breaks_are_accepted()
    {
        var base64 = Convert.ToBase64String(Video, Base64FormattingOptions.InsertLineBreaks).Replace("/", "\\/").Replace("\r\n", "\\r\\n");
        var message = Encoding.ASCII.GetBytes($$"""{ "file_base64" : "{{base64}}", "action": "start" }""");

        var (video, rest) = Split(message, 777);

        Assert.Equal(Video, video);
        Assert.Equal("start", rest.GetProperty("action").GetString());
    }

    [Theory]
    [InlineData("""{"action": "start", "file_base64": "not*base64"}""")]
    [InlineData("""{"action": "start", "file_base64": "QUJD\"x"}""")]
    [InlineData("""{"action": "start", "file_base64": "QUJD", "file_base64": "QUJD"}""")]
    [InlineData("""{"action": "start", "file_base64": "QUJ""")]
    public void Broken_video_text_is_a_format_error(string message)
    {
        var splitter = new StartMessageSplitter(Stream.Null);
        Assert.Throws<FormatException>(() =>
        {
            splitter.Write(Encoding.ASCII.GetBytes(message));
            splitter.Complete();
        });
    }

    [Fact]
    public void Parameters_beyond_the_limit_are_refused()
    {
        var splitter = new StartMessageSplitter(Stream.Null, maxRestLength: 100);
        Assert.Throws<FormatException>(() => splitter.Write(Encoding.ASCII.GetBytes($$"""{"action": "start", "charset": "{{new string('x', 200)}}"}""")));
    }
}
