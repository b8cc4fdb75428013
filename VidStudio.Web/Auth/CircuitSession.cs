using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Auth;

/// <summary>
/// Who a Studio tab (its Blazor circuit) acts for, for as long as that session stands. The circuit never sends the
/// session cookie again, so its key being revoked, its user removed or demoted, or the cookie expiring would otherwise
/// go unnoticed while the tab stays open. The session is checked every <c>Auth:SessionRevalidationInterval</c> and
/// whenever a component asks who the user is (<see cref="UserAsync"/>, which every action that reads or changes data
/// goes through); once it has ended the tab is anonymous, and the router sends it to the sign-in page.
/// </summary>
public sealed class CircuitSession(ILoggerFactory loggers, UserService users, IOptions<VidStudioSettings> settings)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    protected override TimeSpan RevalidationInterval => settings.Value.Auth.SessionRevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        users.SessionStandsAsync(authenticationState.User, cancellationToken);

    /// <summary>The signed-in user, checked now.</summary>
    /// <exception cref="SessionEndedException">The session has ended: the tab is now anonymous and does nothing more.</exception>
    public async Task<ClaimsPrincipal> UserAsync()
    {
        var user = (await GetAuthenticationStateAsync()).User;
        if (user.Identity?.IsAuthenticated == true && await users.SessionStandsAsync(user))
        {
            return user;
        }

        SetAuthenticationState(Task.FromResult(Anonymous));
        throw new SessionEndedException();
    }
}
