using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VidStudio.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL cluster for one test class: <c>initdb</c> in a temporary folder, <c>pg_ctl start</c> on a
/// free loopback port, stopped and deleted afterwards. PostgreSQL refuses to run as root, so under root (CI containers)
/// its commands run as the <c>postgres</c> user that Debian's package creates. Needs Debian's <c>postgresql</c>
/// (<c>scripts/install-deps.sh --test</c>).
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private const string User = "vidstudio";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vidstudio-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private string _bin = "";

    public int Port { get; } = FreePort();

    /// <summary>A connection string to <paramref name="database"/> (created by the first VidStudio node that migrates it).</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Database={database};Username={User}";

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        Directory.CreateDirectory(_root);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres", _root]);
        }

        var data = Path.Combine(_root, "data");
        await RunAsPostgresAsync("initdb", ["-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await RunAsPostgresAsync("pg_ctl", ["-D", data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"]);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync("pg_ctl", ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunAsPostgresAsync(string tool, string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments]) : RunAsync(Path.Combine(_bin, tool), arguments);

    /// <summary>Debian keeps the server's programs out of PATH, under /usr/lib/postgresql/VERSION/bin; the newest wins.</summary>
    private static string FindBinaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return debian ?? throw new InvalidOperationException("PostgreSQL's server programs are missing: run scripts/install-deps.sh --test (Debian's postgresql package).");
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
