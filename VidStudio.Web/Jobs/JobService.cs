using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Rendering;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;
using VidStudio.Web.Webhooks;

namespace VidStudio.Web.Jobs;

/// <summary>
/// The one way jobs are created, read, cancelled and deleted; the API and the Studio both call it.
/// </summary>
public sealed class JobService(
    IDbContextFactory<VidStudioDbContext> databases,
    IBackgroundJobClientV2 hangfire,
    JobFiles files,
    RunningJobs running,
    JobNotifier notifier,
    WebhookDispatcher webhooks,
    CallbackSecretProtector secrets,
    DiskSpaceGuard disk,
    FfmpegTools tools,
    FontSet fonts,
    ConverterSettings engine,
    IOptions<VidStudioSettings> settings,
    TimeProvider clock,
    ILogger<JobService> logger)
{
    /// <summary>
    /// Turns staged uploads into queued jobs of <paramref name="owner"/> (one per file, sharing <paramref name="batchId"/>).
    /// Every file is probed and its plan checked against the installation's caps before any job is created, so a file
    /// that is not a video, or asks for too much, refuses the request with a <see cref="VideoInputException"/> naming it
    /// instead of failing later in the queue. Each staged file is moved into its job's folder; when the request is
    /// refused, they stay where they are, and the caller that staged them deletes them (one owner for each staged file).
    /// </summary>
    public async Task<IReadOnlyList<JobRecord>> CreateAsync(
        IReadOnlyList<(string StagedPath, string OriginalFileName)> uploads, ConversionOptions options, string? batchId, Caller owner, CancellationToken cancellationToken,
        JobCallback? callback = null)
    {
        options.EnsureValid();
        disk.EnsureRoomForNewJob();
        var probed = new List<MediaInfo>();
        foreach (var (stagedPath, originalFileName) in uploads)
        {
            try
            {
                var media = await new VideoProber(tools).ProbeAsync(stagedPath, cancellationToken);
                ConversionPlan.For(media, options, fonts.CellAspect, engine.Limits);
                probed.Add(media);
            }
            catch (VideoInputException e) when (uploads.Count > 1)
            {
                throw new VideoInputException(e.Error, $"'{JobFiles.DisplayName(originalFileName)}': {e.Message}", e);
            }
        }

        var jobs = new List<JobRecord>();
        foreach (var ((stagedPath, originalFileName), media) in uploads.Zip(probed))
        {
            var job = new JobRecord
            {
                PublicId = NewId(),
                BatchId = batchId,
                OwnerId = owner.UserId,
                OriginalFileName = JobFiles.DisplayName(originalFileName),
                OptionsJson = JobOptionsJson.Serialize(options),
                MediaJson = JobOptionsJson.Serialize(media),
                Status = JobStatus.Pending,
                Message = "Waiting in the queue",
                CreatedAt = clock.GetUtcNow(),
                InputSizeBytes = new FileInfo(stagedPath).Length,
                CallbackUrl = callback?.Url,
                CallbackSecret = callback is null ? null : secrets.Protect(callback.Secret),
            };
            job.InputPath = files.InputPath(job.PublicId, originalFileName);
            Directory.CreateDirectory(Path.GetDirectoryName(job.InputPath)!);
            File.Move(stagedPath, job.InputPath);
            jobs.Add(job);
        }

        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            db.Jobs.AddRange(jobs);
            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var job in jobs)
        {
            await EnqueueAsync(job.PublicId, CancellationToken.None);
            logger.LogInformation("Job {JobId} queued for {FileName} ({Bytes} bytes)", job.PublicId, job.OriginalFileName, job.InputSizeBytes);
            notifier.Changed(job.PublicId);
        }

        return jobs;
    }

    public static string NewBatchId() => NewId();

    /// <summary>
    /// Gives the job a new run and a Hangfire job for it; earlier Hangfire copies then do nothing. The run is recorded
    /// before the Hangfire job is created: a worker may fetch it the moment it exists, before this method returns.
    /// </summary>
    public async Task EnqueueAsync(string publicId, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N");
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var previous = await db.Jobs.Where(j => j.PublicId == publicId).Select(j => j.HangfireJobId).SingleAsync(cancellationToken);
        await db.Jobs.Where(j => j.PublicId == publicId).ExecuteUpdateAsync(s => s.SetProperty(j => j.RunId, runId), cancellationToken);
        var hangfireId = hangfire.Create(
            Job.FromExpression<ConversionJob>(job => job.RunAsync(publicId, null, CancellationToken.None), ConversionJob.Queue),
            new EnqueuedState(ConversionJob.Queue),
            new Dictionary<string, object> { [ConversionJob.RunIdParameter] = runId });
        await db.Jobs.Where(j => j.PublicId == publicId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.HangfireJobId, hangfireId), cancellationToken);
        if (previous is not null && previous != hangfireId)
        {
            hangfire.Delete(previous);
        }
    }

    /// <summary>The job, if <paramref name="caller"/> may see it: an admin sees every job, a member only their own.</summary>
    public async Task<JobRecord?> GetAsync(string publicId, Caller caller, CancellationToken cancellationToken = default)
    {
        if (!JobFiles.IsValidId(publicId))
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await VisibleTo(db.Jobs, caller).AsNoTracking().Include(j => j.Artifacts).SingleOrDefaultAsync(j => j.PublicId == publicId, cancellationToken);
    }

    /// <summary>
    /// The job's webhook deliveries with their attempts, oldest first; empty when <paramref name="caller"/> may not see
    /// the job. Deliveries to configured endpoints are the administrator's (their URLs may hold tokens): admins only.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDeliveryRecord>> GetWebhookDeliveriesAsync(string publicId, Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var jobIds = VisibleTo(db.Jobs, caller).Where(j => j.PublicId == publicId).Select(j => (long?)j.Id);
        var seesConfigured = caller.IsAdmin;
        return await db.WebhookDeliveries.AsNoTracking().Include(d => d.Attempts.OrderBy(a => a.Number))
            .Where(d => jobIds.Contains(d.JobId) && (d.FromCallback || seesConfigured)).OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<JobRecord>> GetBatchAsync(string batchId, Caller caller, CancellationToken cancellationToken = default)
    {
        if (!JobFiles.IsValidId(batchId))
        {
            return [];
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await VisibleTo(db.Jobs, caller).AsNoTracking().Include(j => j.Artifacts).Where(j => j.BatchId == batchId).OrderBy(j => j.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One page of the jobs <paramref name="caller"/> may see, newest first. Their artifact lists (a row per frame) are
    /// loaded only <paramref name="withArtifacts"/>: the API's list shows each job's downloads as its status does, the
    /// Studio's list, refreshed with every progress step, shows none.
    /// </summary>
    public async Task<(IReadOnlyList<JobRecord> Jobs, int Total)> ListAsync(int page, int pageSize, Caller caller, bool withArtifacts, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var visible = VisibleTo(db.Jobs, caller);
        var total = await visible.CountAsync(cancellationToken);
        var ordered = visible.AsNoTracking().OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id);
        var jobs = await (withArtifacts ? ordered.Include(j => j.Artifacts).AsSplitQuery() : ordered)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (jobs, total);
    }

    /// <summary>Another user's job is treated as one that does not exist (404, not 403: ids are not confirmed to strangers).</summary>
    private static IQueryable<JobRecord> VisibleTo(IQueryable<JobRecord> jobs, Caller caller) =>
        caller.IsAdmin ? jobs : jobs.Where(j => j.OwnerId == caller.UserId);

    public async Task<int> CountActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.CountAsync(j => j.Status == JobStatus.Pending || j.Status == JobStatus.Processing, cancellationToken);
    }

    /// <summary>Cancels a pending or running job (it ends as <see cref="JobStatus.Cancelled"/>); deletes a finished one with its files.</summary>
    public async Task<CancelOutcome> CancelOrDeleteAsync(string publicId, Caller caller, CancellationToken cancellationToken = default)
    {
        var job = await GetAsync(publicId, caller, cancellationToken);
        if (job is null)
        {
            return CancelOutcome.NotFound;
        }

        if (job.IsFinished)
        {
            // Its notifications are queued before it goes (they outlive it), in case this delete came in the moment
            // between the job's end and their queueing.
            await webhooks.JobFinishedAsync(publicId);
            await DeleteAsync(job, cancellationToken);
            return CancelOutcome.Deleted;
        }

        if (running.Cancel(publicId))
        {
            // The job marks itself cancelled once its ffmpeg children are gone; wait briefly so the answer is final.
            await WaitUntilFinishedAsync(publicId, TimeSpan.FromSeconds(10), cancellationToken);
            return CancelOutcome.Cancelled;
        }

        int cancelled;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            cancelled = await db.Jobs.Where(j => j.PublicId == publicId && (j.Status == JobStatus.Pending || j.Status == JobStatus.Processing))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, JobStatus.Cancelled)
                    .SetProperty(j => j.Message, "Cancelled before it started")
                    .SetProperty(j => j.EtaSeconds, (double?)null)
                    .SetProperty(j => j.FinishedAt, clock.GetUtcNow()), cancellationToken);
        }

        if (job.HangfireJobId is not null)
        {
            hangfire.Delete(job.HangfireJobId);
        }

        DeleteUpload(publicId);
        notifier.Changed(publicId);
        // Only the request that moved the job reports its end (two cancels at once, or a job that just finished).
        if (cancelled > 0)
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
            expired = await db.Jobs.AsNoTracking()
                .Where(j => (j.Status == JobStatus.Completed || j.Status == JobStatus.Failed || j.Status == JobStatus.Cancelled) && j.FinishedAt < cutoff)
                .ToListAsync(cancellationToken);
        }

        foreach (var job in expired)
        {
            await DeleteAsync(job, cancellationToken);
        }

        // Deliveries outlive their deleted jobs until they are settled and as old as the jobs cleanup removes.
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            await db.WebhookDeliveries.Where(d => d.JobId == null && d.State != WebhookDeliveryState.Pending && d.CreatedAt < cutoff)
                .ExecuteDeleteAsync(cancellationToken);
        }

        if (expired.Count > 0)
        {
            logger.LogInformation("Cleanup deleted {Count} jobs finished before {Cutoff:u}", expired.Count, cutoff);
        }

        return expired.Count;
    }

    public void DeleteUpload(string publicId) => JobFiles.DeleteDirectory(files.UploadDirectory(publicId));

    private async Task DeleteAsync(JobRecord job, CancellationToken cancellationToken)
    {
        JobFiles.DeleteDirectory(files.ResultDirectory(job.PublicId));
        DeleteUpload(job.PublicId);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Jobs.Where(j => j.Id == job.Id).ExecuteDeleteAsync(cancellationToken);
        notifier.Changed(job.PublicId);
    }

    private async Task WaitUntilFinishedAsync(string publicId, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + limit;
        while (clock.GetUtcNow() < deadline)
        {
            if ((await GetAsync(publicId, Caller.Local, cancellationToken))?.IsFinished != false)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
}
