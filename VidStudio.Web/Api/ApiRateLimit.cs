using Hangfire.Dashboard;
using Microsoft.AspNetCore.Mvc;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace VidStudio.Web.Api;

public static class ApiRateLimit
{
    public const string Policy = "api";
    public const string UploadPolicy = "uploads";

    /// <summary>A fixed window per client address, or no limit when rate limiting is switched off.</summary>
    public static RateLimitPartition<string> PerClient(HttpContext context, Configuration.RateLimitSettings settings, int permits) => settings.Enabled
        ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = settings.Window,
        })
        : RateLimitPartition.GetNoLimiter("off");

    public static async ValueTask WriteProblemAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "This client sent more requests than the rate limit allows (setting VidStudio:RateLimit); try again shortly.",
            },
        });
    }
}

/// <summary>Used only when VidStudio:DashboardAllowRemote is true.</summary>
public sealed class AllowAllDashboardRequests : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => true;
}
