using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Api;

/// <summary>
/// Requests to <c>/api</c> (<c>RateLimit:PermitLimit</c> per window): the global limiter of the rate-limiting
/// middleware, partitioned per API key when the request has one, else per client address.
/// </summary>
public static class ApiRateLimit
{
    public static PartitionedRateLimiter<HttpContext> CreateGlobal(RateLimitSettings settings) => PartitionedRateLimiter.Create<HttpContext, string>(context =>
        settings.Enabled && context.Request.Path.StartsWithSegments("/api")
            ? RateLimitPartition.GetFixedWindowLimiter(Caller.RateLimitPartition(context.User, context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitLimit, Window = settings.Window })
            : RateLimitPartition.GetNoLimiter("unlimited"));

    public static async ValueTask WriteProblemAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
        await WriteTooManyAsync(context.HttpContext, retryAfter,
            "This client sent more requests than the rate limit allows (setting VidStudio:RateLimit); try again shortly.");
    }

    public static async Task WriteTooManyAsync(HttpContext context, TimeSpan? retryAfter, string detail)
    {
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = detail },
        });
    }
}
