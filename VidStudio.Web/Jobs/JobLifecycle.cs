using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;
using VidStudio.Web.Webhooks;
using VidStudio.Web.Events;
using VidStudio.Web.Admission;
using VidStudio.Web.Storage;

namespace VidStudio.Web.Jobs;

/// <summary>The end of a job's life from outside it: a cancel, a delete, and the clean-up of expired jobs.</summary>
public sealed partial class JobLifecycle(
    IDbContextFactory<VidStudioDbContext> databases,
    JobQueries queries,
    IBackgroundJobClientV2 hangfire,
    IJobStorage storage,
    RunningJobs running,
    JobNotifier notifier,
    WebhookDispatcher webhooks,
    IOptions<VidStudioSettings> settings,
    TimeProvider clock,
    ILogger<JobLifecycle> logger)
{
    /// <summary>Cancels a pending or running job (it ends as <see cref="JobStatus.Cancelled"/>); deletes a finished one with its files.</summary>
    public async Task<CancelOutcome> CancelOrDeleteAsync(string publicId, Caller caller, CancellationToken cancellationToken = default)
    {
        var job = await queries.GetAsync(publicId, caller, cancellationToken);
        if (job is null)
        {
            return CancelOutcome.NotFound;
        }

        if (job.IsFinished)
        {
            // Its notifications are queued before it goes (they outlive it), in case this delete came in the moment
            // between the job's end and their queueing.
            await webhooks.JobFinishedAsync(publicId);
            try
            {
                await DeleteAsync(job, cancellationToken);
            }
            catch (Exception e) when (StoreFailures.Is(e))
            {
                // Its objects go first, so nothing is left that no record lists: the job stays until the store answers.
                throw ApiProblemException.StorageUnavailable($"Job '{publicId}' cannot be deleted while the storage does not answer ({e.Message}).");
            }

            return CancelOutcome.Deleted;
        }

        if (running.Cancel(publicId))
        {
            // The job marks itself cancelled once its ffmpeg children are gone; wait briefly so the answer is final.
            await WaitUntilFinishedAsync(publicId, TimeSpan.FromSeconds(10), cancellationToken);
            return CancelOutcome.Cancelled;
        }

        bool cancelled;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            cancelled = await db.Jobs.TryMoveAsync(publicId, JobStates.UnfinishedStatuses, JobStatus.Cancelled, s => s
                .SetProperty(j => j.Message, "Cancelled before it started")
                .SetProperty(j => j.EtaSeconds, (double?)null)
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow()), cancellationToken);
        }

        if (job.HangfireJobId is not null)
        {
            hangfire.Delete(job.HangfireJobId);
        }

        try
        {
            await storage.DeleteSourceAsync(publicId, cancellationToken);
        }
        catch (Exception e) when (StoreFailures.Is(e))
        {
            // The job is cancelled all the same; the storage sweep removes its source once the store answers.
            SourceNotDeleted(e, publicId);
        }

        notifier.Changed(publicId);
        // Only the request that moved the job reports its end (two cancels at once, or a job that just finished).
        if (cancelled)
        {
            await webhooks.JobFinishedAsync(publicId);
        }

        return CancelOutcome.Cancelled;
    }

    /// <summary>Deletes finished jobs older than <see cref="VidStudioSettings.CleanupAfter"/>, records and files together.</summary>
    public async Task<int> CleanupAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - settings.Value.CleanupAfter;
        List<JobRecord> expired;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            expired = await db.Jobs.AsNoTracking().Finished().Where(j => j.FinishedAt < cutoff).ToListAsync(cancellationToken);
        }

        var deleted = 0;
        foreach (var job in expired)
        {
            try
            {
                await DeleteAsync(job, cancellationToken);
                deleted++;
            }
            catch (Exception e) when (StoreFailures.Is(e))
            {
                // The job stays listed until its objects can go; the next cleanup tries again, and the rest goes on now.
                ExpiredJobKept(e, job.PublicId);
            }
        }

        // Deliveries outlive their deleted jobs until they are settled and as old as the jobs cleanup removes.
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            await db.WebhookDeliveries.Where(d => d.JobId == null && d.State != WebhookDeliveryState.Pending && d.CreatedAt < cutoff)
                .ExecuteDeleteAsync(cancellationToken);
        }

        if (deleted > 0)
        {
            ExpiredJobsDeleted(deleted, cutoff);
        }

        return deleted;
    }

    /// <summary>
    /// Removes stored objects that no job needs: those of deleted jobs, of runs that were taken over, and sources of
    /// finished jobs, once they are older than the cut-off (a source is stored a moment before its job's record is).
    /// </summary>
    public Task<int> SweepStorageAsync(CancellationToken cancellationToken = default) =>
        storage.SweepAsync(NeedsAsync, clock.GetUtcNow() - StorageSweepGrace, cancellationToken);

    private static readonly TimeSpan StorageSweepGrace = TimeSpan.FromMinutes(15);

    private async Task<IReadOnlyDictionary<string, StoredNeeds>> NeedsAsync(IReadOnlyCollection<string> publicIds, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var jobs = await db.Jobs.AsNoTracking().Where(j => publicIds.Contains(j.PublicId)).ToListAsync(cancellationToken);
        return jobs.ToDictionary(j => j.PublicId, j => new StoredNeeds(
            Source: !j.IsFinished,
            ResultsRun: j.Status is JobStatus.Failed or JobStatus.Cancelled ? null : j.StorageRun));
    }

    private async Task DeleteAsync(JobRecord job, CancellationToken cancellationToken)
    {
        await storage.DeleteJobAsync(job.PublicId, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Jobs.Where(j => j.Id == job.Id).ExecuteDeleteAsync(cancellationToken);
        notifier.Changed(job.PublicId);
    }

    private async Task WaitUntilFinishedAsync(string publicId, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + limit;
        while (clock.GetUtcNow() < deadline)
        {
            if ((await queries.GetAsync(publicId, Caller.Local, cancellationToken))?.IsFinished != false)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} was cancelled but the storage did not answer; the sweep removes its source")]
    private partial void SourceNotDeleted(Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleanup kept expired job {JobId}: the storage did not answer")]
    private partial void ExpiredJobKept(Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleanup deleted {Count} jobs finished before {Cutoff:u}")]
    private partial void ExpiredJobsDeleted(int count, DateTimeOffset cutoff);
}
