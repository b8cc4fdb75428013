using System.Net;
using System.Text;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Security;

/// <summary>What another account on the machine, or a copy of the data folder, would find: nothing readable, no secret in clear.</summary>
[Collection(nameof(StandaloneServers))]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretsAtRestTests : IDisposable
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;
    private const string Secret = "a-callback-secret-to-find-in-clear";

    private readonly TestMedia _media = new();
    private readonly WebhookReceiver _receiver = new();

    public void Dispose()
    {
        _receiver.Dispose();
        _media.Dispose();
    }

    [Fact]
    public async Task A_fresh_data_folder_holds_only_owner_only_files_and_a_callback_secret_never_in_clear_yet_the_webhook_is_signed_with_it()
    {
        var data = _media.PathOf("private-data");
        using var server = new ServerProcess(data, new Dictionary<string, string>
        {
            ["VidStudio__MaxConcurrentJobs"] = "1",
            ["VidStudio__Webhooks__AllowPrivateNetworks"] = "true",
        });
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        // The only slot is taken by a long job, so the one with the callback waits, its secret in the database.
        var blocker = await SubmitAsync(client, _media.TestSource("blocker.mp4", 640, 360, seconds: 60, audio: false));
        var hooked = await SubmitAsync(client, _media.TestSource("hooked.mp4", 160, 90, fps: 5, seconds: 1, audio: false),
            ("callback_url", _receiver.Url("/hook")), ("callback_secret", Secret));
        Assert.Equal("pending", (await (await client.GetAsync($"/api/v1/status/{hooked}")).JsonAsync()).GetProperty("status").GetString());
        var inClear = Encoding.UTF8.GetBytes(Secret);
        foreach (var file in Directory.EnumerateFiles(data, "vidstudio.db*"))
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(inClear) < 0, $"{Path.GetFileName(file)} holds the callback secret in clear");
        }

        var seen = AssertOwnerOnly(data);
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/v1/jobs/{blocker}")).StatusCode);
        var hook = (await _receiver.WaitForAsync("/hook", 1, TimeSpan.FromSeconds(60)))[0];
        Assert.True(hook.IsSignedWith(Secret), "the callback must be signed with the secret the client sent");
        Assert.Equal("completed", (await ApiClient.WaitForJobAsync(client, hooked))[^1].GetProperty("status").GetString());

        // Every kind of file the server writes, while it runs (SQLite's -wal/-shm are there now).
        seen.UnionWith(AssertOwnerOnly(data));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(data));
        string[] kinds = ["vidstudio.db", "vidstudio.db-wal", "vidstudio.db-shm", "hangfire.db", "logs/*.log", "keys/key-*.xml", "uploads/*/input.mp4", $"results/{hooked}/video.mp4", $"results/{hooked}/frame_000000.png"];
        foreach (var kind in kinds)
        {
            Assert.True(seen.Any(path => System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(kind, path)), $"no {kind} among: {string.Join(", ", seen.Order())}");
        }
    }

    /// <summary>Asserts every folder under <paramref name="root"/> is 0700 and every file 0600; returns the files' relative paths.</summary>
    private static HashSet<string> AssertOwnerOnly(string root)
    {
        var files = new HashSet<string>();
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, entry.FullName);
            if (entry is DirectoryInfo)
            {
                Assert.True(entry.UnixFileMode == OwnerFolder, $"folder {relative} is {entry.UnixFileMode}");
            }
            else
            {
                Assert.True(entry.UnixFileMode == OwnerFile, $"file {relative} is {entry.UnixFileMode}");
                files.Add(relative);
            }
        }

        return files;
    }

    private static async Task<string> SubmitAsync(HttpClient client, string clip, params (string, string)[] fields)
    {
        var response = await client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, [("width", "40"), .. fields]));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("job_id").GetString()!;
    }
}
