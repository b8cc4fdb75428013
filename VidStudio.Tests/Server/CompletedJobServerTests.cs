using System.Net;
using System.Text.Json;
using VidStudio.Tests.Security;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Server;

/// <summary>A real server process with one completed job that has an MP4, PNG frames, a GIF and a player.</summary>
public sealed class CompletedJobServer : IAsyncLifetime
{
    private readonly TestMedia _media = new();

    public ServerProcess Server { get; private set; } = null!;

    public string JobId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = new ServerProcess(_media.PathOf("data"));
        await Server.StartAsync();
        var clip = _media.TestSource("outputs.mp4", 160, 120, fps: 10, seconds: 1);
        var queued = await Server.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(clip, ("width", "40"), ("save_gif", "true"), ("save_html", "true")));
        JobId = (await queued.JsonAsync()).GetProperty("job_id").GetString()!;
        var final = (await ApiClient.WaitForJobAsync(Server.Client, JobId)).Last();
        Assert.Equal("completed", final.GetProperty("status").GetString());
    }

    /// <summary>Every line the server has written to its log file so far.</summary>
    public IReadOnlyList<string> LogLines() =>
        File.ReadAllLines(Directory.GetFiles(Path.Combine(Server.DataDirectory, "logs")).Single());

    public Task DisposeAsync()
    {
        Server.Dispose();
        _media.Dispose();
        return Task.CompletedTask;
    }
}

[Collection(nameof(StandaloneServers))]
public sealed class CompletedJobServerTests(CompletedJobServer app) : IClassFixture<CompletedJobServer>
{
    [Fact]
    public async Task The_job_list_gives_a_completed_job_the_same_result_as_its_status()
    {
        var status = await (await app.Server.Client.GetAsync($"/api/v1/status/{app.JobId}")).JsonAsync();
        var list = await (await app.Server.Client.GetAsync("/api/v1/jobs")).JsonAsync();
        var listed = list.GetProperty("items").EnumerateArray().Single(j => j.GetProperty("job_id").GetString() == app.JobId);

        var result = status.GetProperty("result");
        var artifacts = result.GetProperty("artifacts");
        Assert.EndsWith("/video.mp4", artifacts.GetProperty("mp4").GetString());
        Assert.EndsWith("/animation.gif", artifacts.GetProperty("gif").GetString());
        Assert.EndsWith("/player.html", artifacts.GetProperty("html_player").GetString());
        Assert.Equal(10, artifacts.GetProperty("png_files").GetArrayLength());
        Assert.Equal(JsonSerializer.Serialize(result), JsonSerializer.Serialize(listed.GetProperty("result")));
    }

    [Theory]
    [InlineData("frame_99999999999999999999.png")]
    [InlineData("no_such_file.txt")]
    public async Task A_download_that_is_not_there_is_one_404_line_in_the_log_not_a_500(string file)
    {
        var path = $"/api/v1/download/{app.JobId}/{file}";

        var response = await app.Server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // The request's line is written once the response has gone: wait for it, then read what was logged about it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!app.LogLines().Any(l => l.Contains($"GET {path} responded", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no request line for {path} in the log");
            await Task.Delay(100);
        }

        var lines = app.LogLines();
        var about = lines.Where(l => l.Contains(path, StringComparison.Ordinal)).ToList();
        var line = Assert.Single(about);
        Assert.Contains("[INF]", line);
        Assert.Contains("responded 404", line);
        var next = lines.SkipWhile(l => l != line).Skip(1).FirstOrDefault();
        Assert.False(next is not null && (next.StartsWith("   at ", StringComparison.Ordinal) || next.Contains("Exception", StringComparison.Ordinal)),
            $"a stack trace follows the request line: {next}");
    }
}
