using System.Globalization;
using System.Security.Claims;
using VidStudio.Web.Data;

namespace VidStudio.Web.Auth;

/// <summary>A key that checked out: whose it is. <see cref="KeyId"/> is null for a key from configuration.</summary>
public sealed record AuthenticatedKey(long UserId, string UserName, UserRole Role, long? KeyId)
{
    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, UserId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, UserName),
            new(ClaimTypes.Role, Role == UserRole.Admin ? AuthSchemes.AdminRole : AuthSchemes.MemberRole),
        ];
        if (KeyId is { } keyId)
        {
            claims.Add(new(AuthSchemes.KeyIdClaim, keyId.ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The key a principal made by <see cref="ToPrincipal"/> stands for; null for any other principal.</summary>
    public static AuthenticatedKey? FromPrincipal(ClaimsPrincipal user)
    {
        if (!long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var userId))
        {
            return null;
        }

        long? keyId = long.TryParse(user.FindFirstValue(AuthSchemes.KeyIdClaim), CultureInfo.InvariantCulture, out var key) ? key : null;
        return new AuthenticatedKey(userId, user.Identity?.Name ?? "", user.IsInRole(AuthSchemes.AdminRole) ? UserRole.Admin : UserRole.Member, keyId);
    }

    /// <summary>
    /// The principal with the moment its session cookie expires, so that a Studio tab opened with it (a circuit, which
    /// never sees the cookie again) knows when its session ends.
    /// </summary>
    public static ClaimsPrincipal WithSessionEnd(ClaimsPrincipal user, DateTimeOffset end)
    {
        var identity = ((ClaimsIdentity)user.Identity!).Clone();
        foreach (var stale in identity.FindAll(AuthSchemes.SessionEndClaim).ToList())
        {
            identity.RemoveClaim(stale);
        }

        identity.AddClaim(new Claim(AuthSchemes.SessionEndClaim, end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>When the principal's session ends: never for an API key, which is checked on every request.</summary>
    public static DateTimeOffset SessionEnd(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(AuthSchemes.SessionEndClaim), CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MaxValue;
}
