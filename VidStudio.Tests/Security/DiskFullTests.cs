using System.Diagnostics;
using System.Net;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Security;

/// <summary>
/// The results folder on a 16 MB tmpfs (the tests run as root, as CI does): a job whose MP4 outgrows it fails with a
/// readable message and leaves no files, a small job beside it completes, and the server goes on working.
/// </summary>
[Collection(nameof(StandaloneServers))]
public sealed class DiskFullTests : IDisposable
{
    private readonly TestMedia _media = new();
    private readonly string _results;

    public DiskFullTests()
    {
        _results = _media.PathOf("results");
        Directory.CreateDirectory(_results);
        Run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", _results);
    }

    public void Dispose()
    {
        Run("umount", "--lazy", _results);
        _media.Dispose();
    }

    private static void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} failed (this test needs root to mount a tmpfs): {errors}");
    }

    private static async Task<string> SubmitAsync(ServerProcess server, string clip, params (string, string)[] fields)
    {
        var response = await server.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, fields));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("job_id").GetString()!;
    }

    [Fact]
    public async Task A_job_that_fills_the_disk_fails_readably_without_files_while_a_small_one_completes()
    {
        using var server = new ServerProcess(_media.PathOf("data"), new Dictionary<string, string>
        {
            ["VidStudio__ResultsDirectory"] = _results,
            ["VidStudio__MinFreeDiskBytes"] = "0",
        });
        await server.StartAsync();
        // Lossless H.264 of a full-colour grid at width 240: some 24 MB for 20 s, more than the tmpfs holds.
        var big = _media.TestSource("fills-the-disk.mp4", 640, 360, fps: 25, seconds: 20, audio: false);
        var small = _media.TestSource("small.mp4", 160, 120, fps: 10, seconds: 1, audio: false);

        var filling = await SubmitAsync(server, big, ("width", "240"), ("color_mode", "cell"), ("crf", "0"), ("save_png", "false"));
        var beside = await SubmitAsync(server, small, ("width", "40"), ("save_png", "false"), ("save_txt", "true"));

        var failed = (await ApiClient.WaitForJobAsync(server.Client, filling, TimeSpan.FromMinutes(5))).Last();
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("disk is full", failed.GetProperty("error").GetString());
        Assert.False(Directory.Exists(Path.Combine(_results, filling)), "the failed job's files were left on the full disk");
        Assert.Equal("completed", (await ApiClient.WaitForJobAsync(server.Client, beside)).Last().GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/api/v1/health")).StatusCode);
        var after = await SubmitAsync(server, small, ("width", "40"));
        Assert.Equal("completed", (await ApiClient.WaitForJobAsync(server.Client, after)).Last().GetProperty("status").GetString());
    }
}
