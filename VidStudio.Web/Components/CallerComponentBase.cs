using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using VidStudio.Web.Auth;

namespace VidStudio.Web.Components;

/// <summary>
/// A component that acts for the signed-in user (or the local user while authentication is off). Everything it reads
/// or changes asks <see cref="CallerAsync"/> first, which re-checks the session: a tab whose key was revoked meanwhile
/// stops there (the action is dropped as cancelled) and lands on the sign-in page.
/// </summary>
public abstract class CallerComponentBase : ComponentBase
{
    [Inject]
    private CircuitSession Session { get; set; } = default!;

    protected Task<ClaimsPrincipal> UserAsync() => Session.UserAsync();

    protected async Task<Caller> CallerAsync() => Caller.From(await UserAsync());
}
