using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace VidStudio.Web.Auth;

/// <summary>
/// <c>X-API-Key: KEY</c> or <c>Authorization: Bearer KEY</c> (and <c>?api_key=KEY</c> on a WebSocket handshake). A missing or
/// wrong key is answered with the same 401 problem, so the answer never tells whether a key exists.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder,
    UserService users, IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    /// <summary>The key the request presents, if any.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers[AuthSchemes.ApiKeyHeader].ToString() is { Length: > 0 } header)
        {
            return header.Trim();
        }

        if (request.Headers.Authorization.ToString() is { } authorization && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        // Only on a WebSocket handshake: elsewhere a key in the URL would end up in logs and browser history for nothing.
        return request.HttpContext.WebSockets.IsWebSocketRequest && request.Query[AuthSchemes.ApiKeyQuery].ToString() is { Length: > 0 } query
            ? query
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        var owner = await users.ValidateAsync(key, Context.RequestAborted);
        return owner is null
            ? AuthenticateResult.Fail("Unknown or revoked API key.")
            : AuthenticateResult.Success(new AuthenticationTicket(owner.ToPrincipal(Scheme.Name), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A proxied request to a loopback-only server needs a key too; make sure there is an admin to hold one.
        await users.EnsureAdminAsync(Context.RequestAborted);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer, ApiKey";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Authentication required",
                Detail = $"Send a valid API key as '{AuthSchemes.ApiKeyHeader}: KEY' or 'Authorization: Bearer KEY' (README, section Security).",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = "This needs an admin's key." },
        });
    }
}
