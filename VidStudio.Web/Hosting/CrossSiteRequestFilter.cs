using Microsoft.AspNetCore.Mvc;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Hosting;

/// <summary>
/// Refuses (403 problem) what a browser sends on behalf of another site: a request that changes something (any method
/// but GET, HEAD, OPTIONS and TRACE) or opens a WebSocket (the API's stream, the Studio's Blazor circuit), whose origin
/// is neither this server's nor one of <c>VidStudio:CorsOrigins</c>. A page the user visits can otherwise POST a form or
/// a <c>no-cors</c> fetch to a key-less server on their machine (or ride their Studio cookie: a page on another port of
/// the same host is the same site, so SameSite does not stop it), and browsers apply no CORS to WebSockets at all.
/// Requests without an Origin header that are not from a browser (curl, scripts, the examples) are not affected.
/// </summary>
public static class CrossSiteRequestFilter
{
    public static IApplicationBuilder UseCrossSiteRequestFilter(this IApplicationBuilder app, VidStudioSettings settings) => app.Use(async (context, next) =>
    {
        if (ChangesState(context) && BrowserOrigin(context.Request) is { } origin && !IsAllowed(origin, context.Request, settings.CorsOrigins))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Cross-site request refused",
                    Detail = $"Requests from '{origin}' may not change anything here: only this server's own pages and the origins in VidStudio:CorsOrigins may (README, section Security).",
                },
            });
            return;
        }

        await next(context);
    });

    private static bool ChangesState(HttpContext context) =>
        !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
        || context.WebSockets.IsWebSocketRequest;

    /// <summary>
    /// The origin of the page that sent a browser's request; null for a request no browser sent. Browsers send Origin
    /// on every POST and WebSocket; when one is missing, the Referer (or the browser's own Sec-Fetch-Site verdict, when
    /// the referrer policy withheld it) tells where the request came from.
    /// </summary>
    private static string? BrowserOrigin(HttpRequest request)
    {
        if (request.Headers.Origin.ToString() is { Length: > 0 } origin)
        {
            return origin;
        }

        if (request.Headers["Sec-Fetch-Site"].ToString() is not { Length: > 0 } site)
        {
            return null;
        }

        if (Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer))
        {
            return referer.GetLeftPart(UriPartial.Authority);
        }

        // "none" is the user's own doing (an address typed, a bookmark); "same-site" is another port or subdomain.
        return site is "same-origin" or "none" ? null : $"a {site} page";
    }

    /// <summary>
    /// This server's own pages (same host and port as the request; the scheme is left out because a TLS-terminating
    /// proxy may forward https pages' requests as http) or a configured CORS origin.
    /// </summary>
    private static bool IsAllowed(string origin, HttpRequest request, string[] corsOrigins) =>
        (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        || corsOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
}
