using System.Collections.Concurrent;

namespace VidStudio.Web.Jobs;

/// <summary>Conversions running in this process, so a cancel request reaches its job at once and no job runs twice.</summary>
public sealed class RunningJobs
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();

    public int Count => _running.Count;

    /// <summary>Registers a job as running; false if it already runs here.</summary>
    public bool TryStart(string publicId, out CancellationTokenSource cancellation)
    {
        cancellation = new CancellationTokenSource();
        if (_running.TryAdd(publicId, cancellation))
        {
            return true;
        }

        cancellation.Dispose();
        return false;
    }

    public void Finish(string publicId)
    {
        if (_running.TryRemove(publicId, out var cancellation))
        {
            cancellation.Dispose();
        }
    }

    /// <summary>Asks a running job to stop; false when it is not running here.</summary>
    public bool Cancel(string publicId)
    {
        if (!_running.TryGetValue(publicId, out var cancellation))
        {
            return false;
        }

        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        return true;
    }
}
