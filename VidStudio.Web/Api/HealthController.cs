using Microsoft.AspNetCore.Mvc;
using VidStudio.Web.Jobs;
using Microsoft.Extensions.Options;
using VidStudio.Core.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Storage;

namespace VidStudio.Web.Api;

/// <summary>Liveness and readiness of the server.</summary>
[ApiController]
[Route("api/v1/health")]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
[Produces("application/json")]
public sealed class HealthController(JobQueries jobs, RunningJobs running, FfmpegProbe ffmpeg, IJobStorage storage, IOptions<VidStudioSettings> settings) : ControllerBase
{
    // The process's own start, not a static initialised on the first request (which made the first uptime negative).
    private static readonly DateTimeOffset StartedAt = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();

    /// <summary><c>healthy</c>, or <c>degraded</c> when ffmpeg cannot be run or the storage does not answer (conversions would fail).</summary>
    [HttpGet]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status200OK)]
    public Task<HealthResponse> Get(CancellationToken cancellationToken) => ReportAsync(jobs, running, ffmpeg, storage, settings.Value, cancellationToken);

    /// <summary>The report of <c>/api/v1/health</c>, also served at <c>/health</c> on every node (a worker serves nothing else).</summary>
    public static async Task<HealthResponse> ReportAsync(
        JobQueries jobs, RunningJobs running, FfmpegProbe ffmpeg, IJobStorage storage, VidStudioSettings settings, CancellationToken cancellationToken)
    {
        var version = await ffmpeg.GetVersionAsync(cancellationToken);
        var storageProblem = await storage.CheckAsync(cancellationToken);
        return new HealthResponse(
            version is null || storageProblem is not null ? "degraded" : "healthy",
            typeof(HealthController).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
            Math.Round(Math.Max(0, (DateTimeOffset.UtcNow - StartedAt).TotalSeconds), 1),
            await jobs.CountActiveAsync(cancellationToken),
            running.Count,
            new FfmpegHealth(version is not null, version),
            ApiNames.Of(settings.Role),
            new StorageHealth(storage.Provider, storageProblem is null, storageProblem));
    }
}
