using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace VidStudio.Web.Auth;

/// <summary>
/// While authentication is off (not required for this request, see <see cref="AuthGate"/>), every request is the local
/// user, an admin without a user id: the same authorization rules then pass for everyone, and nothing changes for a
/// user on localhost.
/// </summary>
public sealed class LocalAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    /// <summary>The local user every request is while authentication is off.</summary>
    public static ClaimsPrincipal LocalUser { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Caller.Local.Name), new Claim(ClaimTypes.Role, AuthSchemes.AdminRole)],
        AuthSchemes.Local, ClaimTypes.Name, ClaimTypes.Role));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(LocalUser, Scheme.Name)));
}
