namespace VidStudio.Bench;

/// <summary>
/// Samples the resident memory of a process (this one unless told) plus its child processes (the ffmpeg instances)
/// every 50 ms, and of the process alone.
/// </summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakKb, _peakOwnKb;

    public PeakMemorySampler(int? processId = null)
    {
        var pid = processId ?? Environment.ProcessId;
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peakKb = Math.Max(_peakKb, TreeRssKb(pid));
                _peakOwnKb = Math.Max(_peakOwnKb, RssKb(pid));
                try
                {
                    await Task.Delay(50, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    /// <summary>The process and its children.</summary>
    public double PeakMegabytes => _peakKb / 1024.0;

    /// <summary>The process alone, without its ffmpeg children.</summary>
    public double PeakOwnMegabytes => _peakOwnKb / 1024.0;

    public void Dispose()
    {
        _stop.Cancel();
        _sampling.Wait();
    }

    private static long TreeRssKb(int pid)
    {
        var total = RssKb(pid);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var child) && ParentOf(child) == pid)
            {
                total += TreeRssKb(child);
            }
        }

        return total;
    }

    private static long RssKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid ..." — comm may hold spaces, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
