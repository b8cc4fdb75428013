using System.Security.Claims;

namespace VidStudio.Web.Auth;

/// <summary>
/// Who is asking, as the job and preset services see it. <see cref="UserId"/> is null for the local user of a server
/// running without authentication, who may do everything (and owns what it creates as "nobody").
/// </summary>
public sealed record Caller(long? UserId, string Name, bool IsAdmin)
{
    public static Caller Local { get; } = new(null, "local", true);

    /// <summary>The caller a principal from <see cref="AuthSchemes"/> stands for.</summary>
    public static Caller From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            throw new InvalidOperationException("No authenticated user: the endpoint must require authorization.");
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return new Caller(id is null ? null : long.Parse(id, System.Globalization.CultureInfo.InvariantCulture),
            user.Identity.Name ?? "local", user.IsInRole(AuthSchemes.AdminRole));
    }

    /// <summary>The partition of rate limits: one per API key, else one per user, else one per client address.</summary>
    public static string RateLimitPartition(ClaimsPrincipal user, System.Net.IPAddress? address) =>
        user.FindFirstValue(AuthSchemes.KeyIdClaim) is { } key ? $"key:{key}"
        : user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? $"user:{id}"
        : $"ip:{address}";
}
