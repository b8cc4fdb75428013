using System.Security.Cryptography;

namespace VidStudio.Web.Components;

/// <summary>
/// Headers on every response that keep pages from being framed, sniffed or made to load anything from elsewhere.
/// The policy allows exactly what the Studio (Blazor Server, MudBlazor's inline styles, preview images as data URLs,
/// its own WebSocket) and the offline docs need: everything is served by this process, and no inline script runs
/// except one a page marks with this response's nonce (the Studio's import map), so markup injected into a page
/// cannot run script.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "VidStudio.ScriptNonce";

    /// <summary>The policy, with <c>{0}</c> standing for the script sources beyond <c>'self'</c>.</summary>
    private const string PolicyFormat =
        "default-src 'self'; script-src 'self'{0}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "media-src 'self' blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    /// <summary>The policy of a response; <paramref name="nonce"/> is the one inline scripts must carry, if the response has any.</summary>
    public static string ContentSecurityPolicy(string? nonce) => string.Format(System.Globalization.CultureInfo.InvariantCulture, PolicyFormat, nonce is null ? "" : $" 'nonce-{nonce}'");

    /// <summary>This response's script nonce, made on first use; the policy names it only when a page asked for it.</summary>
    public static string ScriptNonce(HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Items[NonceKey] as string);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
