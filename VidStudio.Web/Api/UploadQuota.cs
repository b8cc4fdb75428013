using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Api;

/// <summary>
/// Uploads that start work (REST convert and batch, the WebSocket, the Studio's upload and its Convert button) draw
/// on one budget per API key, user or client address: <c>RateLimit:UploadPermitLimit</c> per window. One limiter
/// instance serves all of them, so a client cannot get around it by switching from the API to the Studio.
/// </summary>
public sealed class UploadQuota : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public UploadQuota(IOptions<VidStudioSettings> options)
    {
        var settings = options.Value.RateLimit;
        _limiter = PartitionedRateLimiter.Create<string, string>(partition => settings.Enabled
            ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.UploadPermitLimit, Window = settings.Window })
            : RateLimitPartition.GetNoLimiter("unlimited"));
    }

    /// <summary>Takes one upload from the request's partition, or throws <see cref="ApiProblemException"/> 429.</summary>
    public void Take(HttpContext context) => Take(Caller.RateLimitPartition(context.User, context.Connection.RemoteIpAddress));

    public void Take(string partition)
    {
        using var lease = _limiter.AttemptAcquire(partition);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
            throw new ApiProblemException(StatusCodes.Status429TooManyRequests, "Too many uploads",
                "This client started more conversions than the upload rate limit allows (setting VidStudio:RateLimit:UploadPermitLimit); try again shortly.")
            {
                RetryAfter = retryAfter,
            };
        }
    }

    public void Dispose() => _limiter.Dispose();
}
