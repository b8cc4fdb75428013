using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.ScaleOut;

/// <summary>
/// One web node and two worker nodes, each its own process, on one PostgreSQL database and one shared data folder
/// (what a Docker volume or NFS mount gives several machines).
/// </summary>
[Collection(nameof(StandaloneServers))]
public sealed class MultiNodeTests(PostgresCluster postgres, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PostgresCluster>, IAsyncLifetime
{
    private const int WorkerSlots = 2;
    private readonly TestMedia _media = new();
    private readonly string _database = "nodes_" + Guid.NewGuid().ToString("N")[..8];
    private ServerProcess _web = null!;
    private readonly List<ServerProcess> _workers = [];
    private HttpClient _client = null!;

    private string Shared => _media.PathOf("shared");

    private ServerProcess Node(string role, string name, string progressWriteInterval = "00:00:00.200") => new(Shared, new Dictionary<string, string>
    {
        ["VidStudio__Database__Provider"] = "postgres",
        ["ConnectionStrings__VidStudio"] = postgres.ConnectionString(_database),
        ["VidStudio__Role"] = role,
        ["VidStudio__MaxConcurrentJobs"] = WorkerSlots.ToString(),
        ["VidStudio__WorkerLeaseTimeout"] = "00:00:10",
        ["VidStudio__ProgressWriteInterval"] = progressWriteInterval,
        // The tests' webhook receiver listens on loopback.
        ["VidStudio__Webhooks__AllowPrivateNetworks"] = "true",
        // Each node logs to a file of its own in the shared folder.
        ["VidStudio__LogFile"] = $"logs/{name}-.log",
    });

    public async Task InitializeAsync()
    {
        _web = Node("web", "web");
        await _web.StartAsync();
        _workers.Add(Node("worker", "worker1"));
        _workers.Add(Node("worker", "worker2"));
        await Task.WhenAll(_workers.Select(w => w.StartAsync()));
        _client = new HttpClient { BaseAddress = new Uri(_web.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _web.Dispose();
        _workers.ForEach(w => w.Dispose());
        _media.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string> SubmitAsync(string clip, params (string, string)[] fields)
    {
        var response = await _client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, fields));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("job_id").GetString()!;
    }

    private static async Task<int> RunningOnAsync(ServerProcess node) =>
        (await (await node.Client.GetAsync($"{node.BaseUrl}/health")).JsonAsync()).GetProperty("running_jobs").GetInt32();

    private static int Completions(ServerProcess node, string jobId) =>
        node.Output.Split('\n').Count(l => l.Contains($"Job {jobId} completed", StringComparison.Ordinal));

    [Fact]
    public async Task The_web_node_runs_nothing_the_workers_share_twelve_jobs_within_their_slots_and_the_web_node_restarting_loses_none()
    {
        var web = await (await _web.Client.GetAsync($"{_web.BaseUrl}/health")).JsonAsync();
        Assert.Equal("web", web.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _workers[0].Client.GetAsync($"{_workers[0].BaseUrl}/api/v1/jobs")).StatusCode);

        var clip = _media.TestSource("burst.mp4", 320, 180, fps: 25, seconds: 8);
        var jobs = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            jobs.Add(await SubmitAsync(clip, ("width", "60")));
        }

        // Halfway through the submissions, with the last one just queued, the web node dies and comes back:
        // the workers carry on, and what was queued before is still there afterwards.
        var lastBeforeKill = (await (await _client.GetAsync($"/api/v1/status/{jobs[^1]}")).JsonAsync()).GetProperty("status").GetString();
        output.WriteLine($"the last job before the web node's SIGKILL was {lastBeforeKill}");
        _web.KillHard();
        await _web.StartAsync();
        for (var i = 0; i < 6; i++)
        {
            jobs.Add(await SubmitAsync(clip, ("width", "60")));
        }

        // While they run: no worker above its slots, the web node never converting.
        var most = 0;
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            foreach (var worker in _workers)
            {
                most = Math.Max(most, await RunningOnAsync(worker));
            }

            var statuses = new List<string>();
            foreach (var id in jobs)
            {
                statuses.Add((await (await _client.GetAsync($"/api/v1/status/{id}")).JsonAsync()).GetProperty("status").GetString()!);
            }

            if (statuses.All(s => s is "completed" or "failed" or "cancelled"))
            {
                Assert.All(statuses, s => Assert.Equal("completed", s));
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not all done in time: {string.Join(", ", statuses)}");
            await Task.Delay(150);
        }

        // A worker logs "completed" just after recording it; give the last lines time to come through the pipe.
        var logDeadline = DateTime.UtcNow.AddSeconds(15);
        while (jobs.Any(id => _workers.Sum(w => Completions(w, id)) == 0) && DateTime.UtcNow < logDeadline)
        {
            await Task.Delay(100);
        }

        output.WriteLine($"12 jobs done; most running on one worker at once: {most}; completions per worker: {string.Join("/", _workers.Select(w => jobs.Count(id => Completions(w, id) > 0)))}");
        Assert.InRange(most, 1, WorkerSlots);
        var perWorker = _workers.Select(w => jobs.Count(id => Completions(w, id) > 0)).ToList();
        Assert.All(perWorker, count => Assert.True(count > 0, $"a worker ran no job: {string.Join("/", perWorker)}"));
        Assert.All(jobs, id => Assert.Equal(1, _workers.Sum(w => Completions(w, id))));
        Assert.Equal(0, Completions(_web, jobs[0]));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/v1/download/{jobs[^1]}/video")).StatusCode);
    }

    [Fact]
    public async Task A_worker_killed_mid_job_hands_it_to_the_other_which_completes_it_once_from_the_start()
    {
        var clip = _media.TestSource("long.mp4", 640, 360, fps: 25, seconds: 12);
        var jobId = await SubmitAsync(clip, ("width", "100"));

        // Wait until one worker is well into it, and kill that one.
        ServerProcess? running = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (running is null)
        {
            var status = await (await _client.GetAsync($"/api/v1/status/{jobId}")).JsonAsync();
            if (status.GetProperty("status").GetString() == "processing" && status.GetProperty("progress").GetDouble() > 0.15)
            {
                foreach (var worker in _workers)
                {
                    if (await RunningOnAsync(worker) > 0)
                    {
                        running = worker;
                    }
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "the job never got going");
            await Task.Delay(100);
        }

        running.KillHard();
        var killedAt = DateTime.UtcNow;
        var survivor = _workers.Single(w => w != running);

        // The survivor takes it up once the dead worker's lease runs out, starts afresh, and finishes.
        var restartedAfter = (TimeSpan?)null;
        JsonElement final;
        while (true)
        {
            final = await (await _client.GetAsync($"/api/v1/status/{jobId}")).JsonAsync();
            restartedAfter ??= await RunningOnAsync(survivor) > 0 ? DateTime.UtcNow - killedAt : null;
            if (final.GetProperty("status").GetString() is not ("pending" or "processing"))
            {
                break;
            }

            Assert.True(DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(120), $"not done two minutes after the kill: {final}");
            await Task.Delay(200);
        }

        output.WriteLine($"SIGKILL → running on the survivor after {restartedAfter?.TotalSeconds:0.0} s; completed {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.NotNull(restartedAfter);
        Assert.True(restartedAfter < TimeSpan.FromSeconds(60), $"taken up only after {restartedAfter}");
        Assert.Equal(300, final.GetProperty("result").GetProperty("frames_count").GetInt32());
        var results = Path.Combine(Shared, "results", jobId);
        Assert.Equal("300", TestMedia.Probe(Path.Combine(results, "video.mp4"), "stream=nb_frames", "v:0"));
        Assert.InRange(double.Parse(TestMedia.Probe(Path.Combine(results, "video.mp4"), "format=duration"), System.Globalization.CultureInfo.InvariantCulture), 11.9, 12.1);
        Assert.Single(Directory.GetFiles(results, "*.mp4"));
        Assert.Empty(Directory.GetFiles(results, "*.part"));
        Assert.Equal(300, Directory.GetFiles(results, "frame_*.png").Length);
        // The survivor logs the completion just after recording it; once its run has ended too, the count is final.
        await Eventually.HoldsAsync(async () => Completions(survivor, jobId) > 0 && await RunningOnAsync(survivor) == 0, "the survivor's run never ended");
        Assert.Equal(1, Completions(survivor, jobId));
        Assert.Equal(0, Completions(running, jobId));
    }

    [Fact]
    public async Task Progress_of_a_job_on_a_worker_streams_from_the_web_node_and_a_cancel_there_stops_the_worker()
    {
        // 750 frames: enough progress writes (every 200 ms) to see several even where the worker converts fast.
        var clip = _media.TestSource("events.mp4", 640, 360, fps: 25, seconds: 30);
        var followed = await SubmitAsync(clip, ("width", "80"));

        // Server-Sent Events from the web node, for a job a worker runs: rising progress, then the final record.
        using (var response = await _client.GetAsync($"/api/v1/status/{followed}/events", HttpCompletionOption.ResponseHeadersRead))
        using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync()))
        {
            var progress = new List<double>();
            string? last = null;
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (await reader.ReadLineAsync(limit.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    last = line["data: ".Length..];
                    var data = JsonDocument.Parse(last).RootElement;
                    if (data.GetProperty("status").GetString() == "processing")
                    {
                        progress.Add(data.GetProperty("progress").GetDouble());
                    }
                }
            }

            Assert.True(progress.Count(p => p is > 0 and < 1) >= 3, $"progress seen: {string.Join(", ", progress)}");
            Assert.Equal(progress.Order(), progress);
            Assert.Equal("completed", JsonDocument.Parse(last!).RootElement.GetProperty("status").GetString());
        }

        // Cancelled through the web node while a worker runs it: the worker stops within a second or two.
        var cancelled = await SubmitAsync(clip, ("width", "80"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await (await _client.GetAsync($"/api/v1/status/{cancelled}")).JsonAsync()).GetProperty("progress").GetDouble() < 0.1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job never got going");
            await Task.Delay(100);
        }

        var answer = await _client.DeleteAsync($"/api/v1/jobs/{cancelled}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("cancelled", (await answer.JsonAsync()).GetProperty("status").GetString());
        var stopDeadline = DateTime.UtcNow.AddSeconds(10);
        while ((await RunningOnAsync(_workers[0])) + (await RunningOnAsync(_workers[1])) > 0)
        {
            Assert.True(DateTime.UtcNow < stopDeadline, "a worker kept converting a cancelled job");
            await Task.Delay(100);
        }

        Assert.Equal("cancelled", (await (await _client.GetAsync($"/api/v1/status/{cancelled}")).JsonAsync()).GetProperty("status").GetString());
        Assert.False(Directory.Exists(Path.Combine(Shared, "results", cancelled)) && Directory.EnumerateFiles(Path.Combine(Shared, "results", cancelled)).Any());
    }

    [Fact]
    public async Task A_cancel_that_reaches_the_worker_through_Hangfire_before_its_progress_write_still_removes_the_jobs_files()
    {
        // A worker that writes progress once a minute only learns of the cancel from Hangfire, which cancels a job's
        // token when its Hangfire job is deleted, as it does when the server stops. With progress every 200 ms the two
        // race; here Hangfire always wins.
        _workers.ForEach(w => w.Dispose());
        _workers.Clear();
        var slow = Node("worker", "slow-worker", progressWriteInterval: "00:01:00");
        _workers.Add(slow);
        await slow.StartAsync();

        // Long enough that Hangfire's cancellation watcher (every 5 s) always comes before the last frame: a 30 s clip
        // converted in 5 s on an idle machine, and the run then learnt of the cancel only when recording its result.
        var clip = _media.TestSource("slow.mp4", 640, 360, fps: 25, seconds: 90);
        var jobId = await SubmitAsync(clip, ("width", "80"));
        var results = Path.Combine(Shared, "results", jobId);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(Directory.Exists(results) && Directory.EnumerateFiles(results, "frame_*.png").Any()))
        {
            Assert.True(DateTime.UtcNow < deadline, "the job never got going");
            await Task.Delay(100);
        }

        var answer = await _client.DeleteAsync($"/api/v1/jobs/{jobId}");
        Assert.Equal("cancelled", (await answer.JsonAsync()).GetProperty("status").GetString());
        var stopDeadline = DateTime.UtcNow.AddSeconds(30);
        while (await RunningOnAsync(slow) > 0)
        {
            Assert.True(DateTime.UtcNow < stopDeadline, "the worker kept converting a cancelled job");
            await Task.Delay(100);
        }

        Assert.False(Directory.Exists(results) && Directory.EnumerateFileSystemEntries(results).Any(), $"left behind: {string.Join(", ", Directory.Exists(results) ? Directory.EnumerateFileSystemEntries(results).Take(5) : [])}");
        // Its log says why it stopped (a failure here prints the worker's whole log).
        await slow.WaitForOutputAsync($"Job {jobId}: run stopped, it was cancelled or deleted through another node");

        Assert.Equal("cancelled", (await (await _client.GetAsync($"/api/v1/status/{jobId}")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_callback_secret_the_web_node_stored_encrypted_signs_the_webhook_a_worker_sends()
    {
        using var receiver = new WebhookReceiver();
        const string secret = "a-secret-only-the-key-ring-opens";
        var clip = _media.TestSource("hooked.mp4", 160, 90, fps: 5, seconds: 1);
        var jobId = await SubmitAsync(clip, ("width", "20"), ("callback_url", receiver.Url("/hook")), ("callback_secret", secret));

        // The web node converts nothing: the worker that finishes the job decrypts the secret with the shared key ring.
        var hook = (await receiver.WaitForAsync("/hook", 1, TimeSpan.FromSeconds(90)))[0];
        Assert.True(hook.IsSignedWith(secret), "the worker must sign with the secret the web node stored");
        Assert.Equal(jobId, JsonDocument.Parse(hook.Body).RootElement.GetProperty("job_id").GetString());
    }

    [Fact]
    public async Task The_studio_on_the_web_node_shows_the_live_progress_of_a_job_a_worker_runs()
    {
        await using var browser = await LocalBrowser.LaunchAsync();
        var list = await browser.OpenAsync(_web, "/jobs");
        await list.WaitForSelectorAsync(".job-list");

        // Both pages note every progress value their bar shows until the job completes; the web node converts nothing,
        // so whatever moves there came from a worker through the database. The list watches before the job exists (its
        // database is this test's own, so the only row is this job's), and the clip is long enough (750 frames) that a
        // busy machine, which slows the pages as much as the worker, still leaves several progress writes to show.
        const string watch = """
            selector => {
                window.__seen = [];
                const timer = setInterval(() => {
                    const bar = document.querySelector(selector);
                    const value = bar ? Number(bar.getAttribute('aria-valuenow')) : NaN;
                    if (!Number.isNaN(value) && window.__seen.at(-1) !== value) window.__seen.push(value);
                    if (document.querySelector('[data-status="completed"], #job-video')) clearInterval(timer);
                }, 50);
            }
            """;
        await list.EvaluateAsync(watch, "tr.job-row [role=progressbar]");

        var clip = _media.TestSource("watched.mp4", 640, 360, fps: 25, seconds: 30);
        var jobId = await SubmitAsync(clip, ("width", "80"));
        var page = await browser.OpenAsync(_web, $"/jobs/{jobId}");
        await page.EvaluateAsync(watch, "[role=progressbar]");

        var row = list.Locator("tr.job-row", new() { Has = list.Locator($"[data-job-id='{jobId}']") });
        await Assertions.Expect(row.Locator("[data-status='completed']")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#job-video")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var inList = await list.EvaluateAsync<double[]>("() => window.__seen");
        var onPage = await page.EvaluateAsync<double[]>("() => window.__seen");
        output.WriteLine($"progress the job list showed: {string.Join(", ", inList)}; the job page: {string.Join(", ", onPage)}");
        foreach (var seen in new[] { inList, onPage })
        {
            Assert.True(seen.Count(v => v is > 0 and < 100) >= 3, $"too few live values: {string.Join(", ", seen)}");
            Assert.Equal(seen.Order(), seen);
        }

        var logDeadline = DateTime.UtcNow.AddSeconds(15);
        while (_workers.Sum(w => Completions(w, jobId)) == 0 && DateTime.UtcNow < logDeadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, Completions(_web, jobId));
        Assert.Equal(1, _workers.Sum(w => Completions(w, jobId)));
        Assert.Empty(browser.Blocked);
    }
}
