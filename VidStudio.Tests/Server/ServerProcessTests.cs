using System.Net;
using System.Text.Json;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Server;

public sealed class ServerProcessTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    private static async Task<JsonElement> StatusAsync(ServerProcess server, string jobId) =>
        JsonDocument.Parse(await server.Client.GetStringAsync($"{server.BaseUrl}/api/v1/status/{jobId}")).RootElement.Clone();

    [Fact]
    public async Task A_job_killed_with_SIGKILL_mid_run_completes_exactly_once_after_restart()
    {
        var data = _media.PathOf("crash-data");
        var clip = _media.TestSource("crash.mp4", 1280, 720, seconds: 12);
        string jobId;
        using (var first = new ServerProcess(data))
        {
            await first.StartAsync();
            var queued = await first.Client.PostAsync($"{first.BaseUrl}/api/v1/convert/video", ApiClient.Form(clip, ("width", "80")));
            jobId = (await queued.JsonAsync()).GetProperty("job_id").GetString()!;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await StatusAsync(first, jobId)).GetProperty("progress").GetDouble() < 0.15)
            {
                Assert.True(DateTime.UtcNow < deadline, "the job never got going");
                await Task.Delay(100);
            }

            first.KillHard();
        }

        using var second = new ServerProcess(data);
        var restartedAt = DateTime.UtcNow;
        await second.StartAsync();
        JsonElement status;
        do
        {
            await Task.Delay(250);
            status = await StatusAsync(second, jobId);
            Assert.True(DateTime.UtcNow - restartedAt < TimeSpan.FromSeconds(60), $"not completed within a minute of the restart: {status}");
        }
        while (status.GetProperty("status").GetString() is "pending" or "processing");

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(300, status.GetProperty("result").GetProperty("frames_count").GetInt32());
        var mp4 = Path.Combine(data, "results", jobId, "video.mp4");
        Assert.Equal("300", TestMedia.Probe(mp4, "stream=nb_frames", "v:0"));
        Assert.Empty(Directory.GetFiles(Path.Combine(data, "results", jobId), "*.part"));
        Assert.Equal(300, Directory.GetFiles(Path.Combine(data, "results", jobId), "frame_*.png").Length);

        // Exactly once: one completion in the log of the restarted server. The line follows the record by a moment; once
        // it is there and the run has ended, the count is final.
        int Completions() => File.ReadAllLines(Directory.GetFiles(Path.Combine(data, "logs")).Single())
            .Count(l => l.Contains($"Job {jobId} completed", StringComparison.Ordinal));
        await Eventually.HoldsAsync(async () => Completions() > 0 && (await (await second.Client.GetAsync($"{second.BaseUrl}/health")).JsonAsync()).GetProperty("running_jobs").GetInt32() == 0,
            "the restarted run never ended");
        Assert.Equal(1, Completions());
        Assert.Equal("completed", (await StatusAsync(second, jobId)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("VidStudio__MaxConcurrentJobs", "0", "MaxConcurrentJobs")]
    [InlineData("VidStudio__MaxConcurrentJobs", "many", "MaxConcurrentJobs")]
    [InlineData("VidStudio__JobTimeout", "00:00:01", "JobTimeout")]
    [InlineData("VidStudio__CorsOrigins__0", "not-a-url", "CorsOrigins")]
    [InlineData("VidStudio__EncoderPreset", "turbo", "EncoderPreset")]
    public async Task A_bad_setting_stops_the_server_with_a_message_naming_it(string variable, string value, string setting)
    {
        using var server = new ServerProcess(_media.PathOf("config-data"), new Dictionary<string, string> { [variable] = value });

        var exitCode = await server.RunToExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains(setting, server.Output);
        Assert.DoesNotContain("   at ", server.Output);
    }

    [Fact]
    public async Task A_webhook_endpoint_configured_twice_stops_the_server_with_a_message_naming_it()
    {
        using var server = new ServerProcess(_media.PathOf("twice-data"), new Dictionary<string, string>
        {
            ["VidStudio__Webhooks__Endpoints__0__Url"] = "https://hooks.example.com/vidstudio",
            ["VidStudio__Webhooks__Endpoints__0__Secret"] = "first-secret-0123456789",
            ["VidStudio__Webhooks__Endpoints__1__Url"] = "https://hooks.example.com/vidstudio",
            ["VidStudio__Webhooks__Endpoints__1__Secret"] = "second-secret-0123456789",
        });

        Assert.NotEqual(0, await server.RunToExitAsync());
        Assert.Contains("'https://hooks.example.com/vidstudio' is listed 2 times", server.Output);
        Assert.DoesNotContain("   at ", server.Output);
    }

    [Fact]
    public async Task Past_the_rate_limit_the_api_answers_429_problem_details()
    {
        using var server = new ServerProcess(_media.PathOf("limit-data"), new Dictionary<string, string> { ["VidStudio__RateLimit__PermitLimit"] = "5" });
        await server.StartAsync();

        // StartAsync used up to one health request of the window; keep asking until the limiter answers.
        HttpResponseMessage response;
        var requests = 0;
        do
        {
            response = await server.Client.GetAsync($"{server.BaseUrl}/api/v1/health");
            requests++;
        }
        while (response.StatusCode == HttpStatusCode.OK && requests < 10);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(requests, 4, 6);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("rate limit", (await response.JsonAsync()).GetProperty("detail").GetString());
        Assert.True(response.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task A_node_that_converts_warms_the_converter_up_at_start_and_leaves_nothing_of_it_on_disk()
    {
        using var server = new ServerProcess(_media.PathOf("warm-data"));
        await server.StartAsync();
        await server.WaitForOutputAsync("Converter warmed up in");
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "warmup")), "the warm-up's clip and outputs stayed");
        Assert.DoesNotContain("could not be warmed up", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_ffmpeg_the_server_runs_degraded_and_says_why()
    {
        using var server = new ServerProcess(_media.PathOf("no-ffmpeg-data"), new Dictionary<string, string>
        {
            ["VidStudio__FfmpegPath"] = "/nonexistent/ffmpeg",
            ["VidStudio__FfprobePath"] = "/nonexistent/ffprobe",
        });
        await server.StartAsync();

        var health = await (await server.Client.GetAsync($"{server.BaseUrl}/api/v1/health")).JsonAsync();
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.False(health.GetProperty("ffmpeg").GetProperty("available").GetBoolean());

        var upload = await server.Client.PostAsync($"{server.BaseUrl}/api/v1/convert/video", ApiClient.Form(_media.TestSource("no-ffmpeg.mp4", 160, 90, seconds: 1)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, upload.StatusCode);
        Assert.Contains("apt-get install ffmpeg", (await upload.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Cors_is_off_by_default_and_follows_the_configured_origins()
    {
        static HttpRequestMessage Preflight(string url) => new(HttpMethod.Options, url)
        {
            Headers = { { "Origin", "https://studio.example" }, { "Access-Control-Request-Method", "POST" } },
        };

        using (var closed = new ServerProcess(_media.PathOf("cors-off-data")))
        {
            await closed.StartAsync();
            var response = await closed.Client.SendAsync(Preflight($"{closed.BaseUrl}/api/v1/convert/video"));
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        }

        using var open = new ServerProcess(_media.PathOf("cors-on-data"), new Dictionary<string, string> { ["VidStudio__CorsOrigins__0"] = "https://studio.example" });
        await open.StartAsync();
        var allowed = await open.Client.SendAsync(Preflight($"{open.BaseUrl}/api/v1/convert/video"));
        Assert.Equal("https://studio.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task The_hangfire_dashboard_answers_local_requests()
    {
        using var server = new ServerProcess(_media.PathOf("dashboard-data"));
        await server.StartAsync();

        var page = await server.Client.GetAsync($"{server.BaseUrl}/hangfire");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("VidStudio jobs", await page.Content.ReadAsStringAsync());
    }
}
