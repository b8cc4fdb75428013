using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Api;

[Collection(nameof(ServerCollection))]
public class WebSocketTests(ServerFixture app)
{
    private async Task<WebSocket> ConnectAsync() =>
        await app.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost/api/v1/ws/convert"), CancellationToken.None);

    private static Task SendAsync(WebSocket socket, object message) => JsonSocket.SendAsync(socket, message);

    private static Task<JsonElement?> ReceiveAsync(WebSocket socket) => JsonSocket.ReceiveAsync(socket);

    [Fact]
    public async Task Frames_stream_in_order_with_timestamps_then_a_completion_message()
    {
        var clip = app.Media.TestSource("ws.mp4", 320, 180, fps: 10, seconds: 2);
        using var socket = await ConnectAsync();

        await SendAsync(socket, new { action = "start", file_base64 = Convert.ToBase64String(await File.ReadAllBytesAsync(clip)), width = 40, style = "normal" });

        var frames = new List<JsonElement>();
        JsonElement last;
        while (true)
        {
            last = (await ReceiveAsync(socket))!.Value;
            if (!last.TryGetProperty("frame_number", out _)) break;
            frames.Add(last);
        }

        Assert.Equal("completed", last.GetProperty("status").GetString());
        Assert.Equal(20, last.GetProperty("frames_count").GetInt32());
        Assert.Equal(Enumerable.Range(0, 20), frames.Select(f => f.GetProperty("frame_number").GetInt32()));
        Assert.Equal(1.5, frames[15].GetProperty("timestamp").GetDouble(), 3);
        Assert.All(frames, f => Assert.Equal(40, f.GetProperty("ascii_text").GetString()!.Split('\n')[0].Length));
    }

    [Fact]
    public async Task Bad_start_messages_get_an_error_message()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, new { action = "start", file_base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("not a video")), width = 40 });
        var error = (await ReceiveAsync(socket))!.Value;
        Assert.Equal("error", error.GetProperty("status").GetString());
        Assert.Contains("not a video", error.GetProperty("error").GetString());

        using var second = await ConnectAsync();
        await SendAsync(second, new { action = "start", file_base64 = "AAAA", width = 5 });
        Assert.Contains("width must be between 10 and 240", (await ReceiveAsync(second))!.Value.GetProperty("error").GetString());

        using var third = await ConnectAsync();
        await SendAsync(third, new { action = "start", file_base64 = "AAAA", callback_url = "https://example.com/hook" });
        Assert.Contains("callback_url applies to queued jobs", (await ReceiveAsync(third))!.Value.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Presets_apply_to_the_stream_as_to_rest()
    {
        var clip = app.Media.TestSource("ws-preset.mp4", 320, 180, fps: 5, seconds: 1);
        var video = await File.ReadAllBytesAsync(clip);
        using var unknown = await ConnectAsync();
        await SendAsync(unknown, JsonSocket.Start(video, ("preset", "No such look")));
        Assert.Contains("There is no preset 'No such look'", (await ReceiveAsync(unknown))!.Value.GetProperty("error").GetString());

        // "Blueprint edges" is 140 columns wide; the width sent with it still wins, as on REST.
        using var builtIn = await ConnectAsync();
        await SendAsync(builtIn, JsonSocket.Start(video, ("preset", "Blueprint edges")));
        Assert.Equal(140, (await ReceiveAsync(builtIn))!.Value.GetProperty("ascii_text").GetString()!.Split('\n')[0].Length);
        using var overridden = await ConnectAsync();
        await SendAsync(overridden, JsonSocket.Start(video, ("preset", "Blueprint edges"), ("width", 30)));
        Assert.Equal(30, (await ReceiveAsync(overridden))!.Value.GetProperty("ascii_text").GetString()!.Split('\n')[0].Length);
    }

    [Fact]
    public async Task A_client_that_leaves_stops_the_work()
    {
        var clip = app.Media.TestSource("ws-leave.mp4", 640, 360, seconds: 30, audio: false);
        var socket = await ConnectAsync();
        await SendAsync(socket, new { action = "start", file_base64 = Convert.ToBase64String(await File.ReadAllBytesAsync(clip)), width = 80 });
        Assert.Equal(0, (await ReceiveAsync(socket))!.Value.GetProperty("frame_number").GetInt32());
        Assert.NotEmpty(TestMedia.ChildFfmpegProcesses(".staging")); // the check below would pass vacuously otherwise

        socket.Abort();
        socket.Dispose();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (TestMedia.ChildFfmpegProcesses(".staging").Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Empty(TestMedia.ChildFfmpegProcesses(".staging"));
    }
}
