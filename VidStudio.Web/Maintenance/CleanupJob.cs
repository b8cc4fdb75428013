using Hangfire;
using VidStudio.Web.Jobs;
using VidStudio.Web.Studio;
using VidStudio.Web.Webhooks;
using VidStudio.Web.Admission;

namespace VidStudio.Web.Maintenance;

/// <summary>
/// The recurring job that deletes expired jobs with their files and Studio uploads of the same age, removes stored
/// objects no job needs, and forgets the upload counts of rate-limit windows that have ended.
/// </summary>
public sealed class CleanupJob(JobLifecycle jobs, StudioSources studio, UploadQuota quota)
{
    public const string Id = "cleanup-expired-jobs";
    public const string Queue = "maintenance";

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Delete jobs and Studio uploads older than CleanupAfter")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await quota.ForgetEndedWindowsAsync(cancellationToken);
        var deleted = await jobs.CleanupAsync(cancellationToken) + studio.Cleanup();
        await jobs.SweepStorageAsync(cancellationToken);
        return deleted;
    }
}

/// <summary>The recurring job that repairs webhook deliveries a crash interrupted (<see cref="WebhookDispatcher.SweepAsync"/>).</summary>
public sealed class WebhookSweepJob(WebhookDispatcher webhooks)
{
    public const string Id = "webhook-sweep";

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Re-queue interrupted webhook deliveries")]
    public Task<int> RunAsync(CancellationToken cancellationToken) => webhooks.SweepAsync(cancellationToken);
}
