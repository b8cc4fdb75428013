using System.Text.Json;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.WatchFolders;

/// <summary>The server process with one watch folder, real files dropped into it, the outputs and the job list checked.</summary>
[Collection(nameof(StandaloneServers))]
public sealed class WatchFolderTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    private string Watch => Directory.CreateDirectory(_media.PathOf("watch")).FullName;

    private string Outputs => _media.PathOf("outputs");

    private string Data => _media.PathOf("data");

    private ServerProcess Server(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["VidStudio__WatchFolderPollInterval"] = "00:00:00.250",
            ["VidStudio__WatchFolders__0__Path"] = Watch,
            ["VidStudio__WatchFolders__0__OutputPath"] = Outputs,
            ["VidStudio__WatchFolders__0__SettleTime"] = "00:00:00.500",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return new ServerProcess(Data, settings);
    }

    /// <summary>Writes the file as a copy tool would (a fresh modification time), not as a rename of a finished file.</summary>
    private string Drop(string source, string name)
    {
        var path = Path.Combine(Watch, name);
        File.WriteAllBytes(path, File.ReadAllBytes(source));
        return path;
    }

    private static async Task<List<JsonElement>> JobsAsync(ServerProcess server) =>
        [.. (await (await server.Client.GetAsync("/api/v1/jobs?page_size=100")).JsonAsync()).GetProperty("items").EnumerateArray()];

    private static async Task<JsonElement> ListedJobAsync(ServerProcess server, string fileName)
    {
        JsonElement? job = null;
        await Eventually.HoldsAsync(async () => (job = (await JobsAsync(server)).Cast<JsonElement?>().FirstOrDefault(j => j!.Value.GetProperty("file_name").GetString() == fileName)) is not null,
            $"no job for {fileName} appeared:\n{server.Output}");
        return job!.Value;
    }

    [Fact]
    public async Task A_video_dropped_in_becomes_a_job_whose_outputs_land_in_OutputPath_and_the_source_moves_to_done()
    {
        using var server = Server();
        await server.StartAsync();
        var source = Drop(_media.TestSource("clip.mp4", seconds: 1), "holiday clip.mp4");
        var lastWrite = File.GetLastWriteTimeUtc(source);

        var job = await ListedJobAsync(server, "holiday clip.mp4");
        var pickup = job.GetProperty("created_at").GetDateTimeOffset() - new DateTimeOffset(lastWrite);
        output.WriteLine($"pickup: {pickup.TotalSeconds:0.000} s from the file's last write to its job (settle 0.5 s, poll 0.25 s)");
        var jobId = job.GetProperty("job_id").GetString()!;
        Assert.Equal("completed", (await ApiClient.WaitForJobAsync(server.Client, jobId)).Last().GetProperty("status").GetString());

        var delivered = Path.Combine(Outputs, "holiday clip");
        await Eventually.HoldsAsync(() => File.Exists(Path.Combine(Watch, "done", "holiday clip.mp4")), $"the source never reached done/:\n{server.Output}");
        Assert.False(File.Exists(source));
        Assert.Equal("25", TestMedia.Probe(Path.Combine(delivered, "video.mp4"), "stream=nb_frames", "v:0"));
        var results = Path.Combine(Data, "results", jobId);
        Assert.Equal(
            Directory.GetFiles(results, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(results, f)).Order(),
            Directory.GetFiles(delivered, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(delivered, f)).Order());
        Assert.Empty(Directory.GetDirectories(Outputs, ".*"));
        Assert.InRange(pickup, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_goes_to_failed_with_an_error_file_saying_why()
    {
        using var server = Server();
        await server.StartAsync();
        var notes = Path.Combine(Watch, "notes.txt");
        await File.WriteAllTextAsync(notes, "Shopping list: not a video.");

        var errorFile = Path.Combine(Watch, "failed", "notes.txt.error.txt");
        await Eventually.HoldsAsync(() => File.Exists(errorFile), $"notes.txt never reached failed/:\n{server.Output}");
        Assert.Contains("The file is not a video ffmpeg can read", await File.ReadAllTextAsync(errorFile));
        Assert.Equal("Shopping list: not a video.", await File.ReadAllTextAsync(Path.Combine(Watch, "failed", "notes.txt")));
        Assert.False(File.Exists(notes));
        Assert.Empty(await JobsAsync(server));
    }

    [Fact]
    public async Task A_file_whose_conversion_was_cut_off_by_a_crash_is_finished_after_the_restart_and_converted_once()
    {
        Drop(_media.TestSource("long.mp4", 1280, 720, seconds: 12), "long take.mp4");
        string jobId;
        using (var first = Server())
        {
            await first.StartAsync();
            jobId = (await ListedJobAsync(first, "long take.mp4")).GetProperty("job_id").GetString()!;
            await Eventually.HoldsAsync(async () => (await (await first.Client.GetAsync($"/api/v1/status/{jobId}")).JsonAsync()).GetProperty("progress").GetDouble() >= 0.15,
                "the job never got going", TimeSpan.FromSeconds(60));
            first.KillHard();
        }

        using var second = Server();
        await second.StartAsync();
        var statuses = await ApiClient.WaitForJobAsync(second.Client, jobId);
        Assert.Equal("completed", statuses.Last().GetProperty("status").GetString());
        await Eventually.HoldsAsync(() => File.Exists(Path.Combine(Watch, "done", "long take.mp4")), $"the source never reached done/:\n{second.Output}");

        Assert.Equal("300", TestMedia.Probe(Path.Combine(Outputs, "long take", "video.mp4"), "stream=nb_frames", "v:0"));
        Assert.Equal(new[] { jobId }, (await JobsAsync(second)).Select(j => j.GetProperty("job_id").GetString()));
        // Both runs log to the same daily file: the file was taken once, and its job completed once.
        var log = File.ReadAllLines(Directory.GetFiles(Path.Combine(Data, "logs")).Single());
        Assert.Single(log, l => l.Contains("long take.mp4 in", StringComparison.Ordinal) && l.Contains("queued as job", StringComparison.Ordinal));
        Assert.Single(log, l => l.Contains($"Job {jobId} completed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Path", "", "VidStudio:WatchFolders:0:Path")]
    [InlineData("Path", "/no/such/folder", "VidStudio:WatchFolders:0:Path")]
    [InlineData("DoneAction", "archive", "VidStudio:WatchFolders:0:DoneAction")]
    [InlineData("OutputPath", "{watch}/converted", "VidStudio:WatchFolders:0:OutputPath")]
    [InlineData("Preset", "No such look", "VidStudio:WatchFolders:0:Preset")]
    [InlineData("Owner", "nobody-here", "VidStudio:WatchFolders:0:Owner")]
    [InlineData("SettleTime", "00:00:00", "VidStudio:WatchFolders:0:SettleTime")]
    public async Task A_bad_watch_folder_setting_stops_the_server_with_a_message_naming_it(string field, string value, string setting)
    {
        using var server = Server(($"VidStudio__WatchFolders__0__{field}", value.Replace("{watch}", Watch, StringComparison.Ordinal)));

        var exitCode = await server.RunToExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains(setting, server.Output);
        Assert.DoesNotContain("   at ", server.Output);
    }

    [Fact]
    public async Task A_built_in_preset_and_keep_convert_with_the_look_and_leave_the_source_in_place()
    {
        using var server = Server(("VidStudio__WatchFolders__0__Preset", "Braille line art"), ("VidStudio__WatchFolders__0__DoneAction", "keep"));
        await server.StartAsync();
        var source = Drop(_media.TestSource("clip.mp4", seconds: 1), "kept.mp4");

        var job = await ListedJobAsync(server, "kept.mp4");
        Assert.Equal("braille", job.GetProperty("options").GetProperty("style").GetString());
        Assert.Equal("completed", (await ApiClient.WaitForJobAsync(server.Client, job.GetProperty("job_id").GetString()!)).Last().GetProperty("status").GetString());
        await Eventually.HoldsAsync(() => File.Exists(Path.Combine(Outputs, "kept", "video.mp4")), $"the outputs never arrived:\n{server.Output}");
        Assert.True(File.Exists(source));
        Assert.False(Directory.Exists(Path.Combine(Watch, "done")));
        // Kept, yet taken once: a file dropped after the delivery is taken in a listing that also saw the kept one again.
        await server.WaitForOutputAsync("kept.mp4 (job");
        Drop(_media.TestSource("clip.mp4", seconds: 1), "later.mp4");
        await ListedJobAsync(server, "later.mp4");
        Assert.Single(await JobsAsync(server), j => j.GetProperty("file_name").GetString() == "kept.mp4");
    }
}
