using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Auth;

public static class AuthRegistration
{
    public const string SessionCookie = "vidstudio.session";

    /// <summary>
    /// API keys (header, bearer, WebSocket query), Studio sessions (a cookie made from a key at sign-in) and the local
    /// user while authentication is off, behind one default scheme that picks per request.
    /// </summary>
    public static IServiceCollection AddVidStudioAuth(this IServiceCollection services, VidStudioSettings settings)
    {
        services.AddSingleton<AuthGate>();
        services.AddSingleton<UserService>();
        services.AddSingleton<DashboardAuthorization>();
        services.AddHostedService<AdminBootstrap>();
        services.AddAuthentication(AuthSchemes.Selector)
            .AddPolicyScheme(AuthSchemes.Selector, null, selector => selector.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, LocalAuthenticationHandler>(AuthSchemes.Local, null)
            .AddCookie(AuthSchemes.Cookie, cookie =>
            {
                cookie.Cookie.Name = SessionCookie;
                cookie.Cookie.HttpOnly = true;
                // Lax: the cookie is not sent on cross-site POSTs, so another site cannot start jobs with it.
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = settings.Auth.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = AuthSchemes.SignInPath;
                cookie.AccessDeniedPath = "/account";
                cookie.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
                cookie.Events.OnValidatePrincipal = ValidateSessionAsync;
            });
        services.AddAuthorizationBuilder().AddPolicy(AuthSchemes.AdminPolicy, policy => policy.RequireRole(AuthSchemes.AdminRole));
        services.AddCascadingAuthenticationState();
        // Studio tabs re-check their session on their own and before every action (replaces Blazor's provider, which
        // keeps the identity a circuit started with for as long as the tab stays open).
        services.AddScoped<CircuitSession>();
        services.AddScoped<AuthenticationStateProvider>(provider => provider.GetRequiredService<CircuitSession>());
        return services;
    }

    private static string SelectScheme(HttpContext context)
    {
        if (!context.RequestServices.GetRequiredService<AuthGate>().IsRequired(context))
        {
            return AuthSchemes.Local;
        }

        if (ApiKeyAuthenticationHandler.PresentedKey(context.Request) is not null)
        {
            return AuthSchemes.ApiKey;
        }

        // The Studio's pages, its downloads and the video player use the session cookie; scripts without one get the
        // API's 401 problem, pages a redirect to the sign-in page.
        return context.Request.Cookies.ContainsKey(SessionCookie) || !context.Request.Path.StartsWithSegments("/api")
            ? AuthSchemes.Cookie
            : AuthSchemes.ApiKey;
    }

    private static async Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/studio"))
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }

        context.Response.StatusCode = status;
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = status == StatusCodes.Status401Unauthorized ? "Authentication required" : "Forbidden",
                Detail = status == StatusCodes.Status401Unauthorized ? "Sign in again, or send an API key as X-API-Key." : "This needs an admin.",
            },
        });
    }

    /// <summary>
    /// A session lasts only as long as the key it was made from, its user and that user's role: revoking the key,
    /// removing the user or changing their role signs its sessions out. The principal it passes on carries the
    /// cookie's expiry, for the circuit a page opens with it (<see cref="CircuitSession"/>).
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserService>();
        if (!await users.SessionStandsAsync(context.Principal!, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
            return;
        }

        if (context.Properties.ExpiresUtc is { } expires)
        {
            context.ReplacePrincipal(AuthenticatedKey.WithSessionEnd(context.Principal!, expires));
        }
    }
}
