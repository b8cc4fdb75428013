using System.Net;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Storage;

/// <summary>
/// A web node and two workers on PostgreSQL, each with a data folder of its own (as on separate machines), sharing
/// only the S3 store: a worker killed mid-job leaves the job to the other, and the store ends with that run's results only.
/// </summary>
[Collection(nameof(StandaloneServers))]
public sealed class ObjectStorageNodeTests(PostgresCluster postgres) : IClassFixture<PostgresCluster>, IAsyncLifetime
{
    private readonly TestMedia _media = new();
    private readonly S3Server _store = new();
    private readonly string _database = "s3nodes_" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<ServerProcess> _nodes = [];

    private ServerProcess Node(string role, string name)
    {
        var node = new ServerProcess(_media.PathOf(name), _store.Settings(
            ("VidStudio__Database__Provider", "postgres"),
            ("ConnectionStrings__VidStudio", postgres.ConnectionString(_database)),
            ("VidStudio__Role", role),
            ("VidStudio__WorkerLeaseTimeout", "00:00:10"),
            ("VidStudio__ProgressWriteInterval", "00:00:00.200"),
            ("VidStudio__Webhooks__AllowPrivateNetworks", "true")));
        _nodes.Add(node);
        return node;
    }

    public async Task InitializeAsync()
    {
        await _store.StartAsync();
        // The first node creates the database; the others start once it is there.
        await Node("web", "web").StartAsync();
        await Task.WhenAll(Node("worker", "worker1").StartAsync(), Node("worker", "worker2").StartAsync());
    }

    public Task DisposeAsync()
    {
        _nodes.ForEach(node => node.Dispose());
        _store.Dispose();
        _media.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<int> RunningOnAsync(ServerProcess node) =>
        (await (await node.Client.GetAsync("/health")).JsonAsync()).GetProperty("running_jobs").GetInt32();

    [Fact]
    public async Task A_worker_killed_mid_job_leaves_it_to_the_other_whose_run_alone_is_in_the_store()
    {
        var web = _nodes[0];
        var workers = _nodes.Skip(1).ToList();
        var clip = _media.TestSource("long.mp4", 640, 360, fps: 25, seconds: 8);
        var response = await web.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("width", "80")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.JsonAsync()).GetProperty("job_id").GetString()!;

        ServerProcess? running = null;
        await Eventually.HoldsAsync(async () =>
        {
            var status = await (await web.Client.GetAsync($"/api/v1/status/{jobId}")).JsonAsync();
            if (status.GetProperty("status").GetString() != "processing" || status.GetProperty("progress").GetDouble() < 0.15)
            {
                return false;
            }

            foreach (var worker in workers)
            {
                running = await RunningOnAsync(worker) > 0 ? worker : running;
            }

            return running is not null;
        }, "the job never got going on a worker", TimeSpan.FromSeconds(60));
        running!.KillHard();
        var abandoned = Path.Combine(running.DataDirectory, "work", jobId);
        Assert.True(Directory.Exists(abandoned), "the killed run left no folder to sweep");

        var final = (await ApiClient.WaitForJobAsync(web.Client, jobId, TimeSpan.FromMinutes(3)))[^1];
        Assert.True(final.GetProperty("status").GetString() == "completed", final.ToString());
        // Served by the web node, which never saw the job's files on its own disk.
        var video = await web.Client.GetAsync($"/api/v1/download/{jobId}/video");
        Assert.Equal(HttpStatusCode.OK, video.StatusCode);
        Assert.Equal(final.GetProperty("result").GetProperty("frames_count").GetInt32().ToString(), ProbeFrames(await video.Content.ReadAsByteArrayAsync()));

        // The store holds the completing run's results and nothing else of the job: one run, no source.
        await Eventually.HoldsAsync(async () => !(await _store.KeysAsync()).Any(key => key.StartsWith("sources/", StringComparison.Ordinal)), "the source stayed in the store");
        var runs = (await _store.KeysAsync()).Where(key => key.StartsWith($"results/{jobId}/", StringComparison.Ordinal)).Select(key => key.Split('/')[2]).Distinct().ToList();
        Assert.Single(runs);

        // The killed node, started again, removes what its dead run left on its disk.
        await running.StartAsync();
        Assert.False(Directory.Exists(abandoned), "the crashed run's folder stayed on its node");
    }

    [Fact]
    public async Task A_font_and_a_callback_secret_given_to_the_web_node_reach_the_worker_through_the_store_alone()
    {
        var web = _nodes[0];
        using var receiver = new WebhookReceiver();
        const string secret = "a-secret-only-the-stored-key-ring-opens";
        using (var font = new MultipartFormDataContent())
        {
            font.Add(new ByteArrayContent(await File.ReadAllBytesAsync("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")), "file", "serif.ttf");
            font.Add(new StringContent("house-serif"), "name");
            var uploaded = await web.Client.PostAsync("/api/v1/fonts", font);
            Assert.True(uploaded.StatusCode == HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        }

        var clip = _media.TestSource("styled.mp4", 160, 90, fps: 5, seconds: 1);
        var response = await web.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip,
            ("width", "20"), ("font", "house-serif"), ("callback_url", receiver.Url("/hook")), ("callback_secret", secret)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.JsonAsync()).GetProperty("job_id").GetString()!;

        // A worker found the font the web node took, and signed with the secret the web node encrypted: both came
        // through the store, as the nodes' data folders are their own.
        var final = (await ApiClient.WaitForJobAsync(web.Client, jobId, TimeSpan.FromMinutes(2)))[^1];
        Assert.True(final.GetProperty("status").GetString() == "completed", final.ToString());
        var hook = (await receiver.WaitForAsync("/hook", 1, TimeSpan.FromSeconds(90)))[0];
        Assert.True(hook.IsSignedWith(secret), "the worker must sign with the secret the web node stored");
        var stored = await _store.KeysAsync();
        Assert.Contains(stored, key => key.StartsWith("fonts/", StringComparison.Ordinal));
        Assert.Contains(stored, key => key.StartsWith("keys/", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(web.DataDirectory, "keys")), "the key ring was written to the web node's disk");
    }

    private string ProbeFrames(byte[] video)
    {
        var path = _media.PathOf("downloaded.mp4");
        File.WriteAllBytes(path, video);
        return TestMedia.Probe(path, "stream=nb_frames", "v:0");
    }
}
