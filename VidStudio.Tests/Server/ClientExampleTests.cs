using VidStudio.Tests.Support;

namespace VidStudio.Tests.Server;

/// <summary>The three documented client examples, run unchanged against a running server.</summary>
public sealed class ClientExampleTests : IAsyncLifetime
{
    private readonly TestMedia _media = new();
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerProcess(_media.PathOf("server-data"));
        await _server.StartAsync();
    }

    public Task DisposeAsync()
    {
        _server.Dispose();
        _media.Dispose();
        return Task.CompletedTask;
    }

    private (int ExitCode, string Output) Run(string executable, params string[] arguments)
    {
        var result = ExampleScripts.Run(_media.PathOf("client-" + Guid.NewGuid().ToString("N")[..6]),
            new Dictionary<string, string> { ["VIDSTUDIO_URL"] = _server.BaseUrl }, executable, arguments);
        Assert.True(result.ExitCode == 0, $"{executable} failed: {result.Output}\n{result.Errors}\n{_server.Output[^Math.Min(2000, _server.Output.Length)..]}");
        Assert.NotNull(result.Video);
        Assert.Equal("h264", TestMedia.Probe(result.Video, "stream=codec_name", "v:0"));
        return (result.ExitCode, result.Output);
    }

    private static string Example(string name) => ExampleScripts.PathOf(name);

    [Fact]
    public void The_curl_example_runs_as_written()
    {
        var (_, output) = Run("bash", Example("convert.sh"), _media.TestSource("curl.mp4", 320, 180, seconds: 2));
        Assert.Contains("completed", output);
    }

    [Fact]
    public void The_python_requests_example_runs_as_written()
    {
        // Debian's python3-requests belongs to the system interpreter, not to any other python3 on PATH.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var (_, output) = Run(python, Example("convert.py"), _media.TestSource("python.mp4", 320, 180, seconds: 2));
        Assert.Contains("progress: 100% (completed)", output);
    }

    [Fact]
    public void The_fetch_and_FormData_example_runs_as_written()
    {
        var (_, output) = Run("node", Example("convert.mjs"), _media.TestSource("node.mp4", 320, 180, seconds: 2));
        Assert.Contains("progress: 100% (completed)", output);
    }
}
