using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;

namespace VidStudio.Web.Auth;

/// <summary>A key that checked out: whose it is. <see cref="KeyId"/> is null for a key from configuration.</summary>
public sealed record AuthenticatedKey(long UserId, string UserName, UserRole Role, long? KeyId)
{
    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, UserName),
            new(ClaimTypes.Role, Role == UserRole.Admin ? AuthSchemes.AdminRole : AuthSchemes.MemberRole),
        ];
        if (KeyId is { } keyId)
        {
            claims.Add(new(AuthSchemes.KeyIdClaim, keyId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
