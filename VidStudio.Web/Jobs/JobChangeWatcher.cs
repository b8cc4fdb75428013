using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;
using VidStudio.Web.Events;

namespace VidStudio.Web.Jobs;

/// <summary>
/// On a shared database, jobs move in other processes (a worker's progress, a job queued or cancelled through another
/// web node) where this node's <see cref="JobNotifier"/> cannot hear them. This reads the unfinished jobs as often as
/// workers write progress and raises <see cref="JobNotifier.Changed"/> for each one that moved, appeared, finished or
/// disappeared, so the Studio's pages and the SSE streams of this node follow them live.
/// </summary>
public sealed partial class JobChangeWatcher(
    IDbContextFactory<VidStudioDbContext> databases,
    JobNotifier notifier,
    IOptions<VidStudioSettings> settings,
    ILogger<JobChangeWatcher> logger) : BackgroundService
{
    private readonly record struct JobState(JobStatus Status, double Progress, string? Message);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seen = new Dictionary<string, JobState>();
        using var timer = new PeriodicTimer(settings.Value.ProgressWriteInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                seen = await PollAsync(seen, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database is briefly unreachable: the next tick tries again; pages keep their last state meanwhile.
                WatchFailed(e);
            }
        }
    }

    private async Task<Dictionary<string, JobState>> PollAsync(Dictionary<string, JobState> seen, CancellationToken cancellationToken)
    {
        var watched = seen.Keys.ToList();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // One statement, so a job that finishes meanwhile is read once, in one state.
        var current = await db.Jobs.AsNoTracking().Unfinished().Union(db.Jobs.AsNoTracking().Where(j => watched.Contains(j.PublicId)))
            .Select(j => new { j.PublicId, j.Status, j.Progress, j.Message })
            .ToDictionaryAsync(j => j.PublicId, j => new JobState(j.Status, j.Progress, j.Message), cancellationToken);

        foreach (var (publicId, state) in current)
        {
            if (!seen.TryGetValue(publicId, out var before) || before != state)
            {
                notifier.Changed(publicId);
            }
        }

        foreach (var gone in watched.Where(id => !current.ContainsKey(id)))
        {
            notifier.Changed(gone);
        }

        // A finished job has been reported once; from now on only unfinished ones are watched.
        return current.Where(j => !j.Value.Status.IsFinished()).ToDictionary();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching jobs on the shared database failed; retrying")]
    private partial void WatchFailed(Exception exception);
}
