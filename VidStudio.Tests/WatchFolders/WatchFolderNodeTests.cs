using VidStudio.Tests.Security;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.WatchFolders;

/// <summary>Two nodes on one PostgreSQL database and one data folder watch the same folder: each file is taken by one of them.</summary>
[Collection(nameof(StandaloneServers))]
public sealed class WatchFolderNodeTests(PostgresCluster postgres, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PostgresCluster>, IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    [Fact]
    public async Task Two_nodes_watching_one_folder_take_each_file_exactly_once()
    {
        var database = "watch_" + Guid.NewGuid().ToString("N")[..8];
        var watch = Directory.CreateDirectory(_media.PathOf("watch")).FullName;
        var outputs = _media.PathOf("outputs");
        var shared = _media.PathOf("shared");
        ServerProcess Node(string name) => new(shared, new Dictionary<string, string>
        {
            ["VidStudio__Database__Provider"] = "postgres",
            ["ConnectionStrings__VidStudio"] = postgres.ConnectionString(database),
            ["VidStudio__LogFile"] = $"logs/{name}-.log",
            ["VidStudio__WatchFolderPollInterval"] = "00:00:00.250",
            ["VidStudio__WatchFolders__0__Path"] = watch,
            ["VidStudio__WatchFolders__0__OutputPath"] = outputs,
            ["VidStudio__WatchFolders__0__SettleTime"] = "00:00:00.500",
        });
        using var first = Node("first");
        using var second = Node("second");
        await first.StartAsync();
        await second.StartAsync();

        var clip = _media.TestSource("small.mp4", 160, 90, fps: 10, seconds: 1, audio: false);
        var names = Enumerable.Range(1, 6).Select(i => $"clip{i}.mp4").ToList();
        foreach (var name in names)
        {
            File.Copy(clip, Path.Combine(watch, name));
        }

        await Eventually.HoldsAsync(() => names.All(n => File.Exists(Path.Combine(watch, "done", n))),
            $"not every file was delivered:\n{first.Output}\n{second.Output}", TimeSpan.FromSeconds(90));
        Assert.All(names, n => Assert.True(File.Exists(Path.Combine(outputs, Path.GetFileNameWithoutExtension(n), "video.mp4"))));
        var jobs = (await (await first.Client.GetAsync("/api/v1/jobs?page_size=100")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(j => j.GetProperty("file_name").GetString()!).Order().ToList();
        Assert.Equal(names, jobs);
        int Taken(ServerProcess node) => node.Output.Split('\n').Count(l => l.Contains("queued as job", StringComparison.Ordinal));
        output.WriteLine($"files taken: first node {Taken(first)}, second node {Taken(second)}");
        Assert.Equal(names.Count, Taken(first) + Taken(second));
    }
}
