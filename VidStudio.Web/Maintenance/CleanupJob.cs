using Hangfire;
using VidStudio.Web.Jobs;
using VidStudio.Web.Studio;

namespace VidStudio.Web.Maintenance;

/// <summary>The recurring job that deletes expired jobs with their files, and Studio uploads of the same age.</summary>
public sealed class CleanupJob(JobService jobs, StudioSources studio)
{
    public const string Id = "cleanup-expired-jobs";
    public const string Queue = "maintenance";

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Delete jobs and Studio uploads older than CleanupAfter")]
    public async Task<int> RunAsync(CancellationToken cancellationToken) => await jobs.CleanupAsync(cancellationToken) + studio.Cleanup();
}
