using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Security;

/// <summary>Resource caps with low values in the server's settings, each refused with a clear answer before work starts.</summary>
[Collection(nameof(StandaloneServers))]
public sealed class LimitsTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    private async Task<ServerProcess> StartAsync(string name, Dictionary<string, string> settings)
    {
        var server = new ServerProcess(_media.PathOf(name), settings);
        await server.StartAsync();
        return server;
    }

    private static async Task<string> QueueAsync(ServerProcess server, string clip, params (string, string)[] fields)
    {
        var response = await server.Client.PostAsync($"{server.BaseUrl}/api/v1/convert/video", ApiClient.Form(clip, fields));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("job_id").GetString()!;
    }

    [Fact]
    public async Task The_upload_rate_limit_applies_to_convert_despite_the_general_limit()
    {
        // Windows are aligned to the clock (every node counts the same one): a day-long one keeps the test from straddling two.
        using var server = await StartAsync("quota-data", new() { ["VidStudio__RateLimit__UploadPermitLimit"] = "2", ["VidStudio__RateLimit__Window"] = "1.00:00:00" });
        var clip = _media.TestSource("quota.mp4", 160, 90, seconds: 1);

        await QueueAsync(server, clip, ("save_png", "false"));
        await QueueAsync(server, clip, ("save_png", "false"));
        var third = await server.Client.PostAsync($"{server.BaseUrl}/api/v1/convert/video", ApiClient.Form(clip));
        var ws = new ClientWebSocket();
        var socketRefused = await Record.ExceptionAsync(() => ws.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/api/v1/ws/convert"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("UploadPermitLimit", (await third.JsonAsync()).GetProperty("detail").GetString());
        Assert.IsType<WebSocketException>(socketRefused);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"{server.BaseUrl}/api/v1/jobs")).StatusCode);
    }

    [Fact]
    public async Task Streams_are_capped_timed_out_when_silent_and_refused_from_a_foreign_origin()
    {
        using var server = await StartAsync("stream-data", new()
        {
            ["VidStudio__MaxConcurrentStreams"] = "1",
            ["VidStudio__StreamIdleTimeout"] = "00:00:01",
        });
        var endpoint = new Uri($"ws://127.0.0.1:{server.Port}/api/v1/ws/convert");

        using (var foreign = new ClientWebSocket())
        {
            foreign.Options.SetRequestHeader("Origin", "http://evil.example");
            await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(endpoint, CancellationToken.None));
        }

        using var sameOrigin = new ClientWebSocket();
        sameOrigin.Options.SetRequestHeader("Origin", server.BaseUrl);
        await sameOrigin.ConnectAsync(endpoint, CancellationToken.None);

        // The one stream slot is taken by a client that says nothing.
        using (var second = new ClientWebSocket())
        {
            await Assert.ThrowsAsync<WebSocketException>(() => second.ConnectAsync(endpoint, CancellationToken.None));
        }

        // Silence past StreamIdleTimeout ends it, and the slot is free again.
        var ended = await Record.ExceptionAsync(async () => await JsonSocket.ReceiveAsync(sameOrigin)) is not null || sameOrigin.State != WebSocketState.Open;
        Assert.True(ended, "a silent client must be disconnected");
        var clip = _media.TestSource("stream-after.mp4", 160, 90, fps: 5, seconds: 1);
        using var third = new ClientWebSocket();
        await third.ConnectAsync(endpoint, CancellationToken.None);
        await JsonSocket.SendAsync(third, JsonSocket.Start(await File.ReadAllBytesAsync(clip), ("width", 20)));
        Assert.Equal(0, (await JsonSocket.ReceiveAsync(third))!.Value.GetProperty("frame_number").GetInt32());
    }

    [Fact]
    public async Task A_job_over_its_output_budget_fails_with_a_message_and_leaves_no_files()
    {
        using var server = await StartAsync("budget-data", new() { ["VidStudio__MaxJobOutputBytes"] = "200000" });
        var clip = _media.TestSource("budget.mp4", 640, 360, seconds: 4);

        var jobId = await QueueAsync(server, clip, ("save_png", "true"), ("save_mp4", "false"));
        var final = (await ApiClient.WaitForJobAsync(Client(server), jobId)).Last();

        Assert.Equal("failed", final.GetProperty("status").GetString());
        Assert.Contains("MaxJobOutputBytes", final.GetProperty("error").GetString());
        var results = Path.Combine(server.DataDirectory, "results", jobId);
        Assert.False(Directory.Exists(results) && Directory.EnumerateFileSystemEntries(results).Any(), "no partial files may remain");
    }

    [Fact]
    public async Task Below_the_free_disk_floor_new_work_is_refused_with_507()
    {
        using var server = await StartAsync("disk-data", new() { ["VidStudio__MinFreeDiskBytes"] = long.MaxValue.ToString() });
        var clip = _media.TestSource("disk.mp4", 160, 90, seconds: 1);

        var convert = await server.Client.PostAsync($"{server.BaseUrl}/api/v1/convert/video", ApiClient.Form(clip));
        var studioUpload = await server.Client.PostAsync($"{server.BaseUrl}/studio/uploads?name=disk.mp4", new ByteArrayContent(await File.ReadAllBytesAsync(clip)));

        foreach (var response in new[] { convert, studioUpload })
        {
            Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Contains("MinFreeDiskBytes", (await response.JsonAsync()).GetProperty("detail").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"{server.BaseUrl}/api/v1/health")).StatusCode);
    }

    [Fact]
    public async Task A_job_whose_runs_kill_the_server_is_failed_after_MaxAttempts_instead_of_requeued_for_ever()
    {
        var data = _media.PathOf("poison-data");
        var settings = new Dictionary<string, string> { ["VidStudio__MaxAttempts"] = "2" };
        var clip = _media.TestSource("poison.mp4", 1280, 720, seconds: 12);
        string? jobId = null;
        for (var crash = 1; crash <= 2; crash++)
        {
            using var server = new ServerProcess(data, settings);
            await server.StartAsync();
            jobId ??= await QueueAsync(server, clip, ("width", "80"));
            await WaitForProgressAsync(server, jobId);
            server.KillHard();
        }

        using var last = new ServerProcess(data, settings);
        await last.StartAsync();
        var final = (await ApiClient.WaitForJobAsync(Client(last), jobId!, TimeSpan.FromSeconds(30))).Last();

        Assert.Equal("failed", final.GetProperty("status").GetString());
        Assert.Contains("started 2 times", final.GetProperty("error").GetString());
    }

    private static HttpClient Client(ServerProcess server) => new() { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

    private static async Task WaitForProgressAsync(ServerProcess server, string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = JsonDocument.Parse(await server.Client.GetStringAsync($"{server.BaseUrl}/api/v1/status/{jobId}")).RootElement;
            if (status.GetProperty("status").GetString() == "processing" && status.GetProperty("progress").GetDouble() > 0.05)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the job never got going: {status}");
            await Task.Delay(100);
        }
    }
}
