using System.Diagnostics;
using System.Net;
using System.Text;

namespace VidStudio.Tests.Support;

/// <summary>
/// The server as a user runs it: <c>dotnet VidStudio.Web.dll</c> as its own process on a free loopback port, with its
/// own data folder. It can be killed with SIGKILL and started again on the same data.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public ServerProcess(string dataDirectory, IDictionary<string, string>? settings = null)
    {
        DataDirectory = dataDirectory;
        Port = LoopbackPorts.Free();
        Client.BaseAddress = new Uri(BaseUrl);
        _environment = new Dictionary<string, string>
        {
            ["VidStudio__DataDirectory"] = dataDirectory,
            ["VidStudio__QueuePollInterval"] = "00:00:00.250",
            ["Urls"] = $"http://127.0.0.1:{Port}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            // A test's own settings win; "{port}" stands for the free port chosen here (e.g. Urls=http://0.0.0.0:{port}).
            _environment[key] = value.Replace("{port}", Port.ToString(), StringComparison.Ordinal);
        }
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The most memory the server process has held since it started (the kernel's VmHWM), in bytes.</summary>
    public long PeakMemoryBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process!.Id}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line["VmHWM:".Length..].Replace("kB", "").Trim()) * 1024;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits until the server has written <paramref name="text"/> (a request's log line follows its response).</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The server did not write '{text}' within 30 s:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Starts the server and waits until its health endpoint answers.</summary>
    public async Task StartAsync()
    {
        _process = Launch();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                // /health answers on every role (a worker serves nothing else).
                if ((await Client.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The server did not answer within 60 s:\n{Output}");
    }

    /// <summary>Runs the server expecting it to stop by itself (e.g. on bad configuration); returns its exit code.</summary>
    public async Task<int> RunToExitAsync()
    {
        _process = Launch();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void KillHard()
    {
        if (_process is { HasExited: false })
        {
            Process.Start("kill", ["-9", _process.Id.ToString()])!.WaitForExit();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        Client.Dispose();
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "VidStudio.Web.dll"));
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
