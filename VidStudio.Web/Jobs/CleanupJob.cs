using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;

namespace VidStudio.Web.Jobs;

/// <summary>The recurring job that deletes expired jobs with their files, and Studio uploads of the same age.</summary>
public sealed class CleanupJob(JobService jobs, Studio.StudioSources studio)
{
    public const string Id = "cleanup-expired-jobs";
    public const string Queue = "maintenance";

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Delete jobs and Studio uploads older than CleanupAfter")]
    public async Task<int> RunAsync(CancellationToken cancellationToken) => await jobs.CleanupAsync(cancellationToken) + studio.Cleanup();
}
