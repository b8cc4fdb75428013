using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VidStudio.Tests.Api;
using VidStudio.Tests.Support;
using VidStudio.Web.Auth;
using VidStudio.Web.Jobs;

namespace VidStudio.Tests.Security;

/// <summary>Hostile uploads through the API a script uses, against the app with its real ffmpeg, SQLite and Hangfire.</summary>
[Collection(nameof(ServerCollection))]
public sealed class HostileUploadTests(ServerFixture app)
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<int> JobCountAsync() =>
        (await app.Services.GetRequiredService<JobQueries>().ListAsync(1, 1, Caller.Local, withArtifacts: false)).Total;

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detailContains, (await response.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_playlist_upload_is_refused_over_rest_and_batch_and_queues_nothing()
    {
        var secret = HostileInputTests.SecretSegment(app.Media, "server-secret.ts");
        var playlist = HostileInputTests.WritePlaylist(app.Media, "holiday.mp4", secret);
        var before = await JobCountAsync();

        await AssertProblemAsync(await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(playlist)), HttpStatusCode.UnsupportedMediaType, "HLS/M3U playlist");
        await AssertProblemAsync(await _client.PostAsync("/api/v1/convert/batch", ApiClient.Form("files", [secret, playlist])), HttpStatusCode.UnsupportedMediaType, "playlist");

        Assert.Equal(before, await JobCountAsync());
    }

    [Fact]
    public async Task A_playlist_over_the_websocket_gets_an_error_and_no_frame()
    {
        var secret = HostileInputTests.SecretSegment(app.Media, "server-secret-ws.ts");
        var playlist = HostileInputTests.WritePlaylist(app.Media, "ws-playlist.mp4", secret);
        using var socket = await app.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost/api/v1/ws/convert"), CancellationToken.None);

        await JsonSocket.SendAsync(socket, JsonSocket.Start(await File.ReadAllBytesAsync(playlist), ("width", 40)));

        var answer = (await JsonSocket.ReceiveAsync(socket))!.Value;
        Assert.False(answer.TryGetProperty("frame_number", out _), $"no frame may be streamed: {answer}");
        Assert.Equal("error", answer.GetProperty("status").GetString());
        Assert.Contains("playlist", answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_tiny_tall_gif_is_422_and_queues_nothing()
    {
        var gif = HostileInputTests.WriteTallGif(app.Media);
        var before = await JobCountAsync();

        await AssertProblemAsync(await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(gif)), HttpStatusCode.UnprocessableEntity, "MaxAspectRatio");

        Assert.Equal(before, await JobCountAsync());
    }

    [Fact]
    public async Task Two_frames_ten_hours_apart_are_422_by_the_frame_cap()
    {
        var clip = HostileInputTests.WriteTwoFramesTenHoursApart(app.Media);
        await AssertProblemAsync(await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("fps", "30"))), HttpStatusCode.UnprocessableEntity, "MaxOutputFrames");
    }

    [Theory]
    [InlineData("--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\r\nabc")]
    [InlineData("--cut\r\nContent-Disposition: form-data; name=\"width\"\r\n")]
    [InlineData("garbage without any boundary")]
    public async Task A_malformed_multipart_body_is_400_not_500(string body)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");

        var response = await _client.PostAsync("/api/v1/convert/video", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/docs/index.html")]
    [InlineData("/api/v1/health")]
    [InlineData("/api/v1/status/000000000000")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task A_request_naming_another_host_is_refused_while_no_key_is_needed()
    {
        // DNS rebinding: a page on evil.example whose name now points at 127.0.0.1.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/jobs");
        request.Headers.Host = "evil.example";

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Host not allowed", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/v1/jobs")).StatusCode);
    }
}
