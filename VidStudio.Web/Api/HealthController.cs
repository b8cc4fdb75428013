using Microsoft.AspNetCore.Mvc;
using VidStudio.Core.Media;
using VidStudio.Web.Jobs;

namespace VidStudio.Web.Api;

/// <summary>Liveness and readiness of the server.</summary>
[ApiController]
[Route("api/v1/health")]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
[Produces("application/json")]
public sealed class HealthController(JobService jobs, RunningJobs running, FfmpegProbe ffmpeg) : ControllerBase
{
    // The process's own start, not a static initialised on the first request (which made the first uptime negative).
    private static readonly DateTimeOffset StartedAt = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();

    /// <summary><c>healthy</c>, or <c>degraded</c> when ffmpeg cannot be run (conversions would fail).</summary>
    [HttpGet]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status200OK)]
    public async Task<HealthResponse> Get(CancellationToken cancellationToken)
    {
        var version = await ffmpeg.GetVersionAsync(cancellationToken);
        return new HealthResponse(
            version is null ? "degraded" : "healthy",
            typeof(HealthController).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
            Math.Round(Math.Max(0, (DateTimeOffset.UtcNow - StartedAt).TotalSeconds), 1),
            await jobs.CountActiveAsync(cancellationToken),
            running.Count,
            new FfmpegHealth(version is not null, version));
    }
}
