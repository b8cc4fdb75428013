using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Auth;

/// <summary>
/// Who may open <c>/hangfire</c>. With authentication required it is an admin's signed-in session (or admin key), and
/// nobody else, not even read-only. Without it, local requests only (decided after known proxies, never fooled by a
/// proxy on the same host), unless <c>DashboardAllowRemote</c> opens it to everyone.
/// </summary>
public sealed class DashboardAuthorization(AuthGate gate, IOptions<VidStudioSettings> settings) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        return gate.IsRequired(http)
            ? http.User.Identity?.AuthenticationType is AuthSchemes.Cookie or AuthSchemes.ApiKey && http.User.IsInRole(AuthSchemes.AdminRole)
            : settings.Value.DashboardAllowRemote || LocalRequest.IsLocal(http);
    }
}
