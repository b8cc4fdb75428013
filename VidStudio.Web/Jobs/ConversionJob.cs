using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Core;
using VidStudio.Core.Pipeline;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;
using VidStudio.Web.Webhooks;
using VidStudio.Web.Events;
using VidStudio.Web.Fonts;
using VidStudio.Web.Storage;

namespace VidStudio.Web.Jobs;

/// <summary>
/// The Hangfire job that runs one conversion. It only works for the job record that names its run as owner
/// (<see cref="JobRecord.RunId"/>, given as the Hangfire job parameter <see cref="RunIdParameter"/>) and never twice at
/// once in this process, so copies that Hangfire re-fetches after a crash do nothing. A run always starts from an empty output folder
/// on its node and publishes its artifacts to the storage before the record lists them.
/// </summary>
public sealed partial class ConversionJob(
    IDbContextFactory<VidStudioDbContext> databases,
    VideoConverter converter,
    FontCatalog fonts,
    IJobStorage storage,
    RunningJobs running,
    JobNotifier notifier,
    WebhookDispatcher webhooks,
    IOptions<VidStudioSettings> settings,
    TimeProvider clock,
    ILogger<ConversionJob> logger)
{
    public const string Queue = "conversions";

    public const string RunIdParameter = "RunId";

    // Failures are recorded on the job itself; a retry of a failed conversion would fail the same way.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Convert {0}")]
    public async Task RunAsync(string publicId, PerformContext? context, CancellationToken shutdown)
    {
        var pickedUpAt = clock.GetTimestamp();
        JobRecord? job;
        await using (var db = await databases.CreateDbContextAsync(shutdown))
        {
            job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.PublicId == publicId, shutdown);
        }

        var hangfireId = context?.BackgroundJob.Id;
        if (job is null || job.IsFinished || (context is not null && job.RunId != context.GetJobParameter<string>(RunIdParameter)))
        {
            HangfireJobHadNothingToDo(hangfireId, publicId);
            return;
        }

        if (job.Attempts >= settings.Value.MaxAttempts)
        {
            // Every earlier run ended with the process (a crash, an OOM kill): running it again would likely do the same.
            await FinishAsync(job, null, JobStatus.Failed, "Failed",
                $"The conversion was started {job.Attempts} times and the server stopped during each run (crash or out of memory); it is not retried (setting MaxAttempts).",
                clock.GetUtcNow());
            return;
        }

        if (!running.TryStart(publicId, out var userCancel))
        {
            DuplicateRunSkipped(publicId, hangfireId);
            return;
        }

        try
        {
            while (await ConvertAsync(job, pickedUpAt, userCancel.Token, shutdown) == RunEnd.StoreUnavailable && await WaitForStoreAsync(job, userCancel.Token, shutdown))
            {
            }
        }
        finally
        {
            running.Finish(publicId);
        }
    }

    private enum RunEnd
    {
        /// <summary>Completed, failed, cancelled or stopped elsewhere: the record tells.</summary>
        Settled,

        /// <summary>The store did not answer; the job keeps its source there and runs again once it answers.</summary>
        StoreUnavailable,
    }

    /// <summary>
    /// The store did not answer during a run: an outage is a state, not the job's failure, so the job stays "processing",
    /// says it is waiting, and runs again once the store answers (true). It fails only when the outage outlasts the job
    /// timeout, and a cancel or delete meanwhile ends the wait (false).
    /// </summary>
    private async Task<bool> WaitForStoreAsync(JobRecord job, CancellationToken userCancel, CancellationToken shutdown)
    {
        var waitingSince = clock.GetUtcNow();
        // Not a crash: this run does not count towards MaxAttempts.
        await TryUpdateAsync(job.PublicId, JobStates.Running, s => s
            .SetProperty(j => j.Attempts, j => j.Attempts - 1)
            .SetProperty(j => j.EtaSeconds, (double?)null)
            .SetProperty(j => j.Message, "Waiting for the storage to answer; the conversion starts again once it does"));
        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(userCancel, shutdown);
        for (var delay = TimeSpan.FromSeconds(1); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxStoreWaitDelay.Ticks)))
        {
            try
            {
                await Task.Delay(delay, clock, cancelled.Token);
            }
            catch (OperationCanceledException) when (userCancel.IsCancellationRequested)
            {
                await FinishAsync(job, null, JobStatus.Cancelled, "Cancelled", null, waitingSince);
                return false;
            }
            catch (OperationCanceledException)
            {
                // Hangfire's token also fires when another node cancels or deletes the job: nothing is left to wait for.
                // Otherwise the server is stopping, and the job runs again after the restart.
                if (!await IsUnfinishedAsync(job.PublicId))
                {
                    await DiscardRunAsync(job, StoppedElsewhere);
                    return false;
                }

                throw;
            }

            if (!await IsUnfinishedAsync(job.PublicId))
            {
                await DiscardRunAsync(job, StoppedElsewhere);
                return false;
            }

            if (await storage.CheckAsync(shutdown) is null)
            {
                StoreBack(job.PublicId);
                return true;
            }

            if (clock.GetUtcNow() - waitingSince > settings.Value.JobTimeout)
            {
                await FinishAsync(job, null, JobStatus.Failed, "Failed",
                    $"The storage did not answer for {settings.Value.JobTimeout.TotalSeconds:0} s (setting JobTimeout), so the source could not be read or the results kept.", waitingSince);
                return false;
            }
        }
    }

    private static readonly TimeSpan MaxStoreWaitDelay = TimeSpan.FromSeconds(30);

    /// <param name="pickedUpAt">When Hangfire handed this run over (<see cref="TimeProvider.GetTimestamp"/>): the log tells the cost before its first frame.</param>
    private async Task<RunEnd> ConvertAsync(JobRecord job, long pickedUpAt, CancellationToken userCancel, CancellationToken shutdown)
    {
        var startedAt = clock.GetUtcNow();
        // Only an unfinished job starts: a cancel that arrived since it was read wins, and nothing runs.
        bool started;
        await using (var db = await databases.CreateDbContextAsync(CancellationToken.None))
        {
            started = await db.Jobs.TryMoveAsync(job.PublicId, JobStates.UnfinishedStatuses, JobStatus.Processing, s => s
                .SetProperty(j => j.StartedAt, startedAt)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                .SetProperty(j => j.Progress, 0)
                .SetProperty(j => j.Message, job.Attempts > 0 ? "Restarted after an interruption" : "Starting")
                .SetProperty(j => j.Error, (string?)null));
        }

        if (!started)
        {
            await DiscardRunAsync(job, "it was cancelled or deleted before it started");
            return RunEnd.Settled;
        }

        notifier.Changed(job.PublicId);

        var timeout = settings.Value.JobTimeout;
        using var timeoutSource = new CancellationTokenSource(timeout);
        using var progressFailed = new CancellationTokenSource();
        using var stoppedElsewhere = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(userCancel, timeoutSource.Token, shutdown, progressFailed.Token, stoppedElsewhere.Token);
        await using var progress = new ProgressWriter(this, job.PublicId, settings.Value.ProgressWriteInterval, progressFailed, stoppedElsewhere);
        try
        {
            ConversionResult result;
            TimeSpan firstFrame;
            try
            {
                var options = JobOptionsJson.Deserialize(job.OptionsJson);
                // Found again by the owner's name for it: a font deleted since the job was queued fails the job, saying so.
                var font = await fonts.ResolveAsync(options.Font, job.OwnerId, linked.Token);
                var folder = await storage.PrepareRunAsync(job.PublicId, job.InputPath!, JobFiles.SafeExtensionOf(job.OriginalFileName), linked.Token);
                var request = new ConversionRequest(folder.SourcePath, folder.OutputDirectory, options) { Media = JobOptionsJson.DeserializeMedia(job.MediaJson), Font = font };
                var converterStartedAt = clock.GetTimestamp();
                result = await converter.ConvertAsync(request, progress, linked.Token);
                firstFrame = clock.GetElapsedTime(pickedUpAt, converterStartedAt) + TimeSpan.FromSeconds(result.FirstFrameSeconds);
                await storage.PublishAsync(job.PublicId, job.StorageRun, result.Artifacts, linked.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException && linked.IsCancellationRequested)
            {
                // A stop kills ffmpeg, and what fails next (a broken pipe, an encoder's exit code) is the stop's echo, not
                // the job's failure: it is handled as the stop, whichever source asked for it.
                throw new OperationCanceledException("The run was stopped", e, linked.Token);
            }

            await progress.StopAsync();
            if (await CompleteAsync(job, result, startedAt))
            {
                JobCompleted(job.PublicId, result.FramesCount, result.ProcessingSeconds, firstFrame.TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (stoppedElsewhere.IsCancellationRequested)
        {
            await progress.StopAsync();
            await DiscardRunAsync(job, StoppedElsewhere);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested && !userCancel.IsCancellationRequested && !timeoutSource.IsCancellationRequested)
        {
            await progress.StopAsync();
            // Hangfire cancels this token when the server stops, but also when the job's Hangfire job is deleted, which a
            // cancel through another node does: its check (every 5 s) can beat this run's next progress write, and a
            // cancelled job's files must not be kept for a restart that never comes. The record tells which it was.
            if (!await IsUnfinishedAsync(job.PublicId))
            {
                await DiscardRunAsync(job, StoppedElsewhere);
                return RunEnd.Settled;
            }

            // The server is stopping: the job stays "processing" and is run again from the start after the restart. An
            // orderly stop is not a crash, so this run does not count towards MaxAttempts.
            await TryUpdateAsync(job.PublicId, JobStates.Running, s => s.SetProperty(j => j.Attempts, j => j.Attempts - 1));
            InterruptedByShutdown(job.PublicId);
            throw;
        }
        catch (OperationCanceledException) when (progressFailed.IsCancellationRequested)
        {
            await FinishAsync(job, progress, JobStatus.Failed, "Failed",
                "The job's progress could not be recorded (the database did not accept writes), so it was stopped.", startedAt);
        }
        catch (OperationCanceledException) when (userCancel.IsCancellationRequested)
        {
            await FinishAsync(job, progress, JobStatus.Cancelled, "Cancelled", null, startedAt);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            await FinishAsync(job, progress, JobStatus.Failed, "Timed out",
                $"The conversion took longer than the limit of {timeout.TotalSeconds:0} s (setting JobTimeout) and was stopped.", startedAt);
        }
        catch (ExpectedErrorException e)
        {
            await FinishAsync(job, progress, JobStatus.Failed, "Failed", e.Message, startedAt);
        }
        catch (IOException e) when (e.HResult is DiskFullErrno or QuotaExceededErrno)
        {
            await FinishAsync(job, progress, JobStatus.Failed, "Failed", "The server's disk is full; the conversion was stopped and its files removed.", startedAt);
        }
        catch (Exception e) when (StoreFailures.Is(e) && !userCancel.IsCancellationRequested)
        {
            StoreFailed(e, job.PublicId);
            // Only an outage is waited out: a store that answers but refused this job's objects would refuse them again.
            if (await storage.CheckAsync(CancellationToken.None) is not null)
            {
                await progress.StopAsync();
                return RunEnd.StoreUnavailable;
            }

            await FinishAsync(job, progress, JobStatus.Failed, "Failed", $"The storage did not take the source or the results ({e.Message}).", startedAt);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            ResultNotRecorded(e, job.PublicId);
            await FinishAsync(job, progress, JobStatus.Failed, "Failed", "The conversion finished but its result could not be recorded (database error); its files were removed.", startedAt);
        }
        catch (Exception e)
        {
            FailedUnexpectedly(e, job.PublicId);
            await FinishAsync(job, progress, JobStatus.Failed, "Failed", $"The conversion failed unexpectedly ({e.GetType().Name}: {e.Message}).", startedAt);
        }

        return RunEnd.Settled;
    }

    /// <summary>Records the result; false when the job stopped being this run's meanwhile (cancelled or deleted on another node).</summary>
    private async Task<bool> CompleteAsync(JobRecord job, ConversionResult result, DateTimeOffset startedAt)
    {
        var finishedAt = clock.GetUtcNow();
        await using (var db = await databases.CreateDbContextAsync(CancellationToken.None))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var record = await db.Jobs.Include(j => j.Artifacts).SingleOrDefaultAsync(j => j.PublicId == job.PublicId);
            if (record is not { Status: JobStatus.Processing })
            {
                await DiscardRunAsync(job, "it was cancelled or deleted while its last frames were written");
                return false;
            }

            // The run whose results the storage holds: a run that took the job over has its own (RunId moves to it), and a
            // run it took over from may still finish first.
            record.RunId = job.RunId;
            record.Artifacts.Clear();
            record.Artifacts.AddRange(result.Artifacts.Select(a => new ArtifactRecord { Kind = a.Kind, FileName = a.FileName, SizeBytes = a.SizeBytes }));
            record.Status = JobStatus.Completed;
            record.Progress = 1;
            record.EtaSeconds = 0;
            record.Message = $"Processed {result.FramesCount} of {result.FramesCount} frames";
            record.FramesCount = result.FramesCount;
            record.DurationSeconds = result.DurationSeconds;
            record.FinishedAt = finishedAt;
            record.ProcessingSeconds = (finishedAt - startedAt).TotalSeconds;
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await TidyAsync(job.PublicId, () => storage.CompletedAsync(job.PublicId, CancellationToken.None));
        notifier.Changed(job.PublicId);
        await webhooks.JobFinishedAsync(job.PublicId);
        return true;
    }

    private const string StoppedElsewhere = "it was cancelled or deleted through another node";

    /// <summary>Removes what a run leaves; a store that does not answer leaves it to the storage sweep instead of keeping the job from its end.</summary>
    private async Task TidyAsync(string publicId, Func<Task> removal)
    {
        try
        {
            await removal();
        }
        catch (Exception e) when (StoreFailures.Is(e))
        {
            StoreFailed(e, publicId);
        }
    }

    private async Task<bool> IsUnfinishedAsync(string publicId)
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        return await db.Jobs.Unfinished().AnyAsync(j => j.PublicId == publicId);
    }

    /// <summary>The record already tells the job's end (another node wrote it); this run's files are all that is left.</summary>
    private async Task DiscardRunAsync(JobRecord job, string reason)
    {
        await TidyAsync(job.PublicId, () => storage.DiscardRunAsync(job.PublicId, job.StorageRun, CancellationToken.None));
        notifier.Changed(job.PublicId);
        RunStopped(job.PublicId, reason);
    }

    private async Task FinishAsync(JobRecord job, ProgressWriter? progress, JobStatus status, string message, string? error, DateTimeOffset startedAt)
    {
        var publicId = job.PublicId;
        if (progress is not null)
        {
            await progress.StopAsync();
        }

        // Frames of an unfinished run are not results; the upload is no longer needed either. Only this run's results go:
        // a run that took the job over may have completed it meanwhile, and its results are the job's.
        await TidyAsync(publicId, () => storage.DiscardRunAsync(publicId, job.StorageRun, CancellationToken.None));
        var finishedAt = clock.GetUtcNow();
        bool moved;
        // The failure may be the database itself (busy, locked, briefly unwritable): the final status is retried, so the job
        // does not stay "processing"; if the database never comes back, recovery at the next start settles it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using (var db = await databases.CreateDbContextAsync(CancellationToken.None))
                {
                    moved = await db.Jobs.TryMoveAsync(publicId, JobStates.UnfinishedStatuses, status, s => s
                        .SetProperty(j => j.Message, message)
                        .SetProperty(j => j.Error, error)
                        .SetProperty(j => j.EtaSeconds, (double?)null)
                        .SetProperty(j => j.FinishedAt, finishedAt)
                        .SetProperty(j => j.ProcessingSeconds, (finishedAt - startedAt).TotalSeconds));
                }

                notifier.Changed(publicId);
                break;
            }
            catch (Exception e) when (attempt < FinalStatusAttempts && e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                FinalStatusWriteFailed(e, publicId, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), CancellationToken.None);
            }
        }

        if (!moved)
        {
            // Another node ended the job first (a cancel or delete) and told its end; this run only stopped.
            RunStopped(publicId, StoppedElsewhere);
            return;
        }

        JobFinished(publicId, status, error ?? message);
        await webhooks.JobFinishedAsync(publicId);
    }

    private const int FinalStatusAttempts = 6;

    private const int DiskFullErrno = 28, QuotaExceededErrno = 122;

    /// <summary>Updates the job only while it is in one of <paramref name="from"/>; false when it is not (another node cancelled or deleted it).</summary>
    private async Task<bool> TryUpdateAsync(string publicId, JobStatus[] from, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<JobRecord>> setters)
    {
        bool updated;
        await using (var db = await databases.CreateDbContextAsync(CancellationToken.None))
        {
            updated = await db.Jobs.TryUpdateAsync(publicId, from, setters);
        }

        notifier.Changed(publicId);
        return updated;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hangfire job {HangfireId} for {JobId} has nothing to do (job finished, deleted or owned by another run)")]
    private partial void HangfireJobHadNothingToDo(string? hangfireId, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} is already running in this process; Hangfire job {HangfireId} skipped")]
    private partial void DuplicateRunSkipped(string jobId, string? hangfireId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} completed: {Frames} frames in {Seconds:0.0} s; first frame {FirstFrameMs:0} ms after Hangfire handed the run over")]
    private partial void JobCompleted(string jobId, int frames, double seconds, double firstFrameMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} interrupted by shutdown; it will restart")]
    private partial void InterruptedByShutdown(string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: its result could not be recorded")]
    private partial void ResultNotRecorded(Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the storage did not answer")]
    private partial void StoreFailed(Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: the storage answers again; the conversion starts again")]
    private partial void StoreBack(string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed unexpectedly")]
    private partial void FailedUnexpectedly(Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: run stopped, {Reason}")]
    private partial void RunStopped(string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: recording its final status failed (attempt {Attempt}); retrying")]
    private partial void FinalStatusWriteFailed(Exception exception, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} {Status}: {Error}")]
    private partial void JobFinished(string jobId, JobStatus status, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: progress could not be written; stopping the job")]
    private partial void ProgressWriteFailed(Exception exception, string jobId);

    /// <summary>
    /// Keeps the latest progress from the engine and writes it at most every <c>interval</c>, off the engine's thread,
    /// so SQLite sees a few small writes a second whatever the frame rate.
    /// </summary>
    private sealed class ProgressWriter : IProgress<ConversionProgress>, IAsyncDisposable
    {
        private readonly ConversionJob _owner;
        private readonly string _publicId;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private ConversionProgress? _latest;

        /// <summary>
        /// <paramref name="failed"/> is cancelled when a write fails: a job whose state cannot be recorded is stopped.
        /// <paramref name="stoppedElsewhere"/> is cancelled when the record no longer says "processing": the job was
        /// cancelled or deleted through a node this run does not share a process with.
        /// </summary>
        public ProgressWriter(ConversionJob owner, string publicId, TimeSpan interval, CancellationTokenSource failed, CancellationTokenSource stoppedElsewhere)
        {
            _owner = owner;
            _publicId = publicId;
            _loop = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(interval);
                ConversionProgress? written = null;
                while (await WaitAsync(timer))
                {
                    var latest = Volatile.Read(ref _latest);
                    if (latest is null || latest == written)
                    {
                        continue;
                    }

                    written = latest;
                    try
                    {
                        if (!await _owner.TryUpdateAsync(_publicId, JobStates.Running, s => s
                            .SetProperty(j => j.Progress, latest.Fraction)
                            .SetProperty(j => j.Message, latest.Message)
                            .SetProperty(j => j.EtaSeconds, latest.EtaSeconds)))
                        {
                            await stoppedElsewhere.CancelAsync();
                            return;
                        }
                    }
                    catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
                    {
                        _owner.ProgressWriteFailed(e, _publicId);
                        await failed.CancelAsync();
                        return;
                    }
                }
            });
        }

        public void Report(ConversionProgress value) => Volatile.Write(ref _latest, value);

        public async Task StopAsync()
        {
            if (!_stop.IsCancellationRequested)
            {
                await _stop.CancelAsync();
            }

            await _loop;
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private async Task<bool> WaitAsync(PeriodicTimer timer)
        {
            try
            {
                return await timer.WaitForNextTickAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
