using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;

namespace VidStudio.Web.Jobs;

/// <summary>
/// Start-up work that must happen before Hangfire's servers start (after Program migrated the database): create folders, and give
/// every unfinished job a fresh Hangfire job. Hangfire's SQLite storage would re-fetch a job interrupted by a crash only
/// after its invisibility timeout (30 minutes by default); re-enqueueing makes it run again within seconds, and the
/// ownership check in <see cref="ConversionJob"/> makes the old copy a no-op if it ever comes back.
/// </summary>
public sealed class JobRecovery(
    IDbContextFactory<VidStudioDbContext> databases,
    JobFiles files,
    JobService jobs,
    ILogger<JobRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        files.EnsureDirectories();
        foreach (var staged in Directory.EnumerateFiles(files.StagingDirectory))
        {
            // Uploads cut off by the restart: their requests are gone.
            File.Delete(staged);
        }

        List<string> unfinished;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            unfinished = await db.Jobs.Where(j => j.Status == JobStatus.Pending || j.Status == JobStatus.Processing)
                .OrderBy(j => j.Id).Select(j => j.PublicId).ToListAsync(cancellationToken);
        }

        foreach (var publicId in unfinished)
        {
            await jobs.EnqueueAsync(publicId, cancellationToken);
        }

        if (unfinished.Count > 0)
        {
            logger.LogWarning("Re-queued {Count} unfinished jobs after restart: {Jobs}", unfinished.Count, string.Join(", ", unfinished));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
