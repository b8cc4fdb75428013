using System.Diagnostics;

namespace VidStudio.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL cluster for the scale-out tests. <c>.ci/run</c> starts one for the whole run
/// (<c>scripts/pg-throwaway.sh</c>) and passes its connection string in <c>VIDSTUDIO_TEST_POSTGRES</c>; without it
/// (<c>dotnet test</c> alone) each test class starts its own with the same script, and stops and deletes it afterwards.
/// Every test uses databases of its own, so classes sharing one cluster do not meet.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private const string SharedClusterVariable = "VIDSTUDIO_TEST_POSTGRES";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vidstudio-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private string _server = Environment.GetEnvironmentVariable(SharedClusterVariable) ?? "";
    private bool _ownsCluster;

    /// <summary>A connection string to <paramref name="database"/> (created by the first VidStudio node that migrates it).</summary>
    public string ConnectionString(string database) => $"{_server};Database={database}";

    public async Task InitializeAsync()
    {
        if (_server.Length > 0)
        {
            return;
        }

        _ownsCluster = true;
        _server = (await ScriptAsync("start", _root)).Trim();
    }

    public async Task DisposeAsync()
    {
        if (_ownsCluster)
        {
            await ScriptAsync("stop", _root);
        }
    }

    private static async Task<string> ScriptAsync(string command, string directory)
    {
        var script = Path.Combine(Repository.Root ?? throw new InvalidOperationException("The scale-out tests run from a clone: scripts/pg-throwaway.sh starts their PostgreSQL."),
            "scripts", "pg-throwaway.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {command} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }

        return await output;
    }
}
