using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Web.Auth;
using VidStudio.Web.Data;
using VidStudio.Web.Webhooks;
using VidStudio.Web.Admission;
using VidStudio.Web.Events;
using VidStudio.Web.Fonts;
using VidStudio.Web.Storage;

namespace VidStudio.Web.Jobs;

/// <summary>
/// The one way jobs are created and queued; the API and the Studio both submit through it, and recovery queues
/// unfinished jobs again through it.
/// </summary>
public sealed partial class JobSubmission(
    IDbContextFactory<VidStudioDbContext> databases,
    IBackgroundJobClientV2 hangfire,
    IJobStorage storage,
    JobNotifier notifier,
    CallbackSecretProtector secrets,
    DiskSpaceGuard disk,
    FfmpegTools tools,
    ConversionPlanner planner,
    FontCatalog fonts,
    TimeProvider clock,
    ILogger<JobSubmission> logger)
{
    /// <summary>
    /// Turns staged uploads into queued jobs of <paramref name="owner"/> (one per file, sharing <paramref name="batchId"/>).
    /// Every file is probed and its plan checked against the installation's caps before any job is created, so a file
    /// that is not a video, or asks for too much, refuses the request with a <see cref="VideoInputException"/> naming it
    /// instead of failing later in the queue. Each staged file is handed to the storage as its job's source; when the request is
    /// refused, they stay where they are, and the caller that staged them deletes them (one owner for each staged file).
    /// <paramref name="recordAlongside"/> changes other rows in the same save as the jobs, so both are recorded or neither.
    /// </summary>
    public async Task<IReadOnlyList<JobRecord>> CreateAsync(
        IReadOnlyList<(string StagedPath, string OriginalFileName)> uploads, ConversionOptions options, string? batchId, Caller owner, CancellationToken cancellationToken,
        JobCallback? callback = null, Action<VidStudioDbContext, IReadOnlyList<JobRecord>>? recordAlongside = null)
    {
        options.EnsureValid();
        disk.EnsureRoomForNewJob();
        // The font must exist for the owner now (its cell sets the rows the caps are checked on); the job finds it again when it runs.
        var font = await fonts.ResolveAsync(options.Font, owner.UserId, cancellationToken);
        var probed = new List<MediaInfo>();
        foreach (var (stagedPath, originalFileName) in uploads)
        {
            try
            {
                var media = await new VideoProber(tools).ProbeAsync(stagedPath, cancellationToken);
                planner.Plan(media, options, font);
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
            try
            {
                job.InputPath = await storage.StoreSourceAsync(job.PublicId, stagedPath, originalFileName, cancellationToken);
            }
            catch (StorageUnavailableException e)
            {
                // Refused, not lost: the client still has the file and is told when to send it again.
                throw ApiProblemException.StorageUnavailable($"Uploads cannot be kept right now: {e.Message}");
            }

            jobs.Add(job);
        }

        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            db.Jobs.AddRange(jobs);
            recordAlongside?.Invoke(db, jobs);
            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var job in jobs)
        {
            await EnqueueAsync(job.PublicId, CancellationToken.None);
            JobQueued(job.PublicId, job.OriginalFileName, job.InputSizeBytes);
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

    private static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} queued for {FileName} ({Bytes} bytes)")]
    private partial void JobQueued(string jobId, string fileName, long bytes);
}
