using Hangfire;
using Serilog;
using VidStudio.Core.Rendering;
using VidStudio.Web.Api;
using VidStudio.Web.Api.WebSockets;
using VidStudio.Web.Auth;
using VidStudio.Web.Components;
using VidStudio.Web.Configuration;
using VidStudio.Web.Jobs;
using VidStudio.Web.Studio;
using VidStudio.Web.Contracts;

namespace VidStudio.Web.Hosting;

/// <summary>The request pipeline, in order, and every endpoint the server maps.</summary>
public static class PipelineRegistration
{
    public static WebApplication UseVidStudio(this WebApplication app, VidStudioSettings settings)
    {
        if (settings.KnownProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        // Outside the exception handler, so each request is logged once with the status the client got: inside it, every
        // exception on its way to becoming a 404 or 422 problem was logged as "responded 500" with its stack trace.
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseLoopbackHostFilter(app.Configuration);
        if (settings.CorsOrigins.Length > 0)
        {
            app.UseCors();
        }

        // Probes ask every node the same question; on a worker it is the only one there is.
        app.MapGet("/health", async (JobQueries jobs, RunningJobs running, FfmpegProbe ffmpeg, Storage.IJobStorage storage, CancellationToken cancellationToken) =>
            Results.Json(await HealthController.ReportAsync(jobs, running, ffmpeg, storage, settings, cancellationToken), ApiJson.Options)).ExcludeFromDescription();
        if (!settings.ServesWeb)
        {
            return app;
        }

        // WebSockets first: the API-key handler accepts ?api_key only on a WebSocket handshake, which this middleware recognises.
        app.UseWebSockets();
        app.UseCrossSiteRequestFilter(settings);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapControllers().RequireAuthorization();
        app.Map(AsciiStreamEndpoint.Path, (HttpContext context, AsciiStreamEndpoint endpoint) => endpoint.HandleAsync(context)).RequireAuthorization();
        app.MapPost(StudioUploadEndpoint.Path, StudioUploadEndpoint.HandleAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapPost(AuthSchemes.SignOutPath, SignOutEndpoint.HandleAsync).ExcludeFromDescription();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.DocumentTitle = "VidStudio API";
            ui.SwaggerEndpoint("/openapi/v1.json", "VidStudio API v1");
        });
        app.UseReDoc(redoc =>
        {
            redoc.RoutePrefix = "redoc";
            redoc.SpecUrl = "/openapi/v1.json";
            redoc.DocumentTitle = "VidStudio API";
            // The stock page loads a web font from the internet; this one is self-contained.
            redoc.IndexStream = () => typeof(Program).Assembly.GetManifestResourceStream("VidStudio.Web.Api.redoc-index.html")!;
        });
        app.MapStaticAssets();
        // The HTML player's drawing code, which the Studio's playing preview uses too: served from Core's one copy (a linked
        // static web asset would be missing from wwwroot when the build output runs).
        app.MapGet("/cell-painter.js", () => Results.Text(CellDrawing.Script, "text/javascript")).ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            DashboardTitle = "VidStudio jobs",
            Authorization = [app.Services.GetRequiredService<DashboardAuthorization>()],
        });
        return app;
    }
}
