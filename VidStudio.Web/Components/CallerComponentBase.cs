using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using VidStudio.Web.Auth;

namespace VidStudio.Web.Components;

/// <summary>A component that acts for the signed-in user (or the local user while authentication is off).</summary>
public abstract class CallerComponentBase : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected async Task<System.Security.Claims.ClaimsPrincipal> UserAsync() =>
        (await (AuthenticationState ?? throw new InvalidOperationException("No authentication state: AddCascadingAuthenticationState is missing."))).User;

    protected async Task<Caller> CallerAsync() => Caller.From(await UserAsync());
}
