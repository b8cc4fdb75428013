using System.Diagnostics;

namespace VidStudio.Tests.Support;

/// <summary>
/// Generates test clips with the real ffmpeg (testsrc2, sine, solid colours, ramps) in a temporary folder.
/// Tests never read ../shared: a user's clone does not have it.
/// </summary>
public sealed class TestMedia : IDisposable
{
    public TestMedia()
    {
        Directory = Path.Combine(Path.GetTempPath(), "vidstudio-tests-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>A fresh empty folder for one conversion's output.</summary>
    public string NewOutputFolder() => PathOf("out-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>testsrc2 of the given size, rate and length, H.264, with a sine track when <paramref name="audio"/>.</summary>
    public string TestSource(string name, int width = 320, int height = 180, int fps = 25, double seconds = 2, bool audio = true)
    {
        var path = PathOf(name);
        if (File.Exists(path)) return path;
        var args = new List<string> { "-f", "lavfi", "-i", $"testsrc2=s={width}x{height}:r={fps}:d={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}" };
        if (audio) args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "-c:a", "aac", "-shortest"]);
        args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path]);
        Ffmpeg(args.ToArray());
        return path;
    }

    /// <summary>Any lavfi video graph, encoded with the given codec arguments (H.264 by default).</summary>
    public string Lavfi(string name, string graph, double seconds = 1, params string[] codec)
    {
        var path = PathOf(name);
        if (File.Exists(path)) return path;
        var args = new List<string> { "-f", "lavfi", "-i", graph, "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        args.AddRange(codec.Length > 0 ? codec : ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]);
        args.Add(path);
        Ffmpeg(args.ToArray());
        return path;
    }

    /// <summary>A horizontal luma ramp, black on the left to white on the right.</summary>
    public string Ramp(string name = "ramp.mp4") =>
        Lavfi(name, "nullsrc=s=256x144:r=10,geq=lum='X':cb=128:cr=128", 0.5, "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv444p");

    public static void Ffmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-y" }.Concat(arguments)) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {errors}");
    }

    /// <summary>ffprobe's value of one entry, e.g. ("stream=duration", "v:0").</summary>
    public static string Probe(string path, string entries, string? streams = null)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
        var args = new List<string> { "-v", "error" };
        if (streams is not null) args.AddRange(["-select_streams", streams]);
        args.AddRange(["-show_entries", entries, "-of", "default=nw=1:nk=1", path]);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    /// <summary>
    /// ffmpeg/ffprobe processes that are children of this test process and, when <paramref name="commandLineContains"/>
    /// is given, mention it in their arguments (so a check about one job is not disturbed by tests running in parallel).
    /// </summary>
    public static IReadOnlyList<int> ChildFfmpegProcesses(string? commandLineContains = null)
    {
        var self = Environment.ProcessId;
        var children = new List<int>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var comm = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
                if (parent == self && comm is "ffmpeg" or "ffprobe"
                    && (commandLineContains is null || File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(commandLineContains, StringComparison.Ordinal)))
                {
                    children.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or FormatException or ArgumentOutOfRangeException)
            {
                // The process ended while we looked.
            }
        }

        return children;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
