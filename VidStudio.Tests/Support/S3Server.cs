using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace VidStudio.Tests.Support;

/// <summary>
/// s3rver (npm, VidStudio.Tests/package.json), a throw-away S3 server, on a free loopback port with one bucket and its
/// objects in a folder of its own. It can be stopped and started again on the same port and objects.
/// </summary>
public sealed class S3Server : IDisposable
{
    public const string Bucket = "vidstudio";

    // The credentials s3rver accepts.
    private const string Credential = "S3RVER";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vidstudio-s3rver-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _process;

    public int Port { get; } = LoopbackPorts.Free();

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The settings (as environment variables) of a server that keeps its files here.</summary>
    public Dictionary<string, string> Settings(params (string Name, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["VidStudio__Storage__Provider"] = "s3",
            ["VidStudio__Storage__S3__ServiceUrl"] = ServiceUrl,
            ["VidStudio__Storage__S3__Bucket"] = Bucket,
            ["VidStudio__Storage__S3__AccessKey"] = Credential,
            ["VidStudio__Storage__S3__SecretKey"] = Credential,
            ["VidStudio__Storage__S3__ForcePathStyle"] = "true",
        };
        foreach (var (name, value) in more)
        {
            settings[name] = value;
        }

        return settings;
    }

    public AmazonS3Client Client() => new(new BasicAWSCredentials(Credential, Credential), new AmazonS3Config
    {
        ServiceURL = ServiceUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Every key in the bucket.</summary>
    public async Task<List<string>> KeysAsync()
    {
        using var client = Client();
        var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket });
        return (page.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    /// <summary>Starts s3rver and waits until it says it listens.</summary>
    public async Task StartAsync()
    {
        var script = Path.Combine(Repository.Root ?? AppContext.BaseDirectory, "VidStudio.Tests", "node_modules", "s3rver", "bin", "s3rver.js");
        Assert.True(File.Exists(script), $"s3rver is not installed at {script}: run scripts/install-deps.sh --test (npm ci in VidStudio.Tests).");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // s3rver makes a listing's continuation token with a cipher OpenSSL 3 leaves to its legacy provider: without it
        // every truncated listing (more keys than asked for) answers 500, which no real store does.
        start.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        foreach (var argument in new[] { script, "-d", _directory, "-a", "127.0.0.1", "-p", Port.ToString(), "--configure-bucket", Bucket })
        {
            start.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) =>
        {
            lock (output) output.AppendLine(e.Data);
            if (e.Data?.Contains("S3rver listening", StringComparison.Ordinal) == true) listening.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (output) output.AppendLine(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(first == listening.Task, $"s3rver did not start:\n{output}");
    }

    /// <summary>Stops s3rver as an outage would (the objects stay on its disk).</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
