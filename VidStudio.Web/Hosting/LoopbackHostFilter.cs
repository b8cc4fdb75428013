using VidStudio.Web.Auth;

namespace VidStudio.Web.Hosting;

/// <summary>
/// DNS-rebinding protection for requests served without authentication. A web page can point its own domain at
/// 127.0.0.1 and then talk to a server on the visitor's machine; such requests carry the page's host name. While
/// <c>AllowedHosts</c> is left at <c>*</c>, a request that needs no key must name a loopback host (localhost,
/// 127.0.0.1, [::1]); setting <c>AllowedHosts</c> explicitly hands the decision to ASP.NET Core's host filtering.
/// </summary>
public static class LoopbackHostFilter
{
    public static IApplicationBuilder UseLoopbackHostFilter(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (configuration["AllowedHosts"] is { } allowed && allowed.Trim() != "*")
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            var gate = context.RequestServices.GetRequiredService<AuthGate>();
            if (!gate.IsRequired(context) && !AuthGate.IsLoopbackAddress("http://" + context.Request.Host.Value))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "Host not allowed",
                        Detail = $"This server answers requests without a key only for localhost; '{context.Request.Host}' is not. Set AllowedHosts (README, section Security) to serve other names.",
                    },
                });
                return;
            }

            await next(context);
        });
    }
}
