using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;

namespace VidStudio.Web.Jobs;

/// <summary>
/// Start-up work that must happen before Hangfire's servers start (after Program migrated the database): create folders, and give
/// every unfinished job a fresh Hangfire job. Hangfire's SQLite storage would re-fetch a job interrupted by a crash only
/// after its invisibility timeout (30 minutes by default); re-enqueueing makes it run again within seconds, and the
/// ownership check in <see cref="ConversionJob"/> makes the old copy a no-op if it ever comes back. On PostgreSQL,
/// where other nodes keep working while this one starts, Hangfire's leases do that job instead.
/// </summary>
public sealed partial class JobRecovery(
    IDbContextFactory<VidStudioDbContext> databases,
    JobFiles files,
    JobSubmission submission,
    IOptions<VidStudioSettings> settings,
    TimeProvider clock,
    ILogger<JobRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        files.EnsureDirectories();
        var shared = settings.Value.Database.Provider == DatabaseProvider.Postgres;
        // Other nodes may be receiving uploads into the shared folder right now: only uploads silent for an hour are abandoned.
        var abandonedBefore = shared ? clock.GetUtcNow().UtcDateTime - TimeSpan.FromHours(1) : DateTime.MaxValue;
        foreach (var staged in Directory.EnumerateFiles(files.StagingDirectory).Where(f => File.GetLastWriteTimeUtc(f) < abandonedBefore))
        {
            // Uploads cut off by the restart: their requests are gone.
            File.Delete(staged);
        }

        List<string> unfinished;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var query = db.Jobs.Unfinished();
            if (shared)
            {
                // Other nodes' running jobs are theirs: a dead worker's lease expires and Hangfire hands its job to
                // another (WorkerLeaseTimeout). Only jobs whose creator stopped before enqueueing them are orphans.
                var orphanedBefore = clock.GetUtcNow() - TimeSpan.FromMinutes(1);
                query = query.Where(j => j.HangfireJobId == null && j.CreatedAt < orphanedBefore);
            }

            unfinished = await query.OrderBy(j => j.Id).Select(j => j.PublicId).ToListAsync(cancellationToken);
        }

        foreach (var publicId in unfinished)
        {
            await submission.EnqueueAsync(publicId, cancellationToken);
        }

        if (unfinished.Count > 0)
        {
            UnfinishedJobsRequeued(unfinished.Count, string.Join(", ", unfinished));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-queued {Count} unfinished jobs after restart: {Jobs}")]
    private partial void UnfinishedJobsRequeued(int count, string jobs);
}
