using System.Threading.RateLimiting;
using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serilog;
using VidStudio.Core.Media;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Preview;
using VidStudio.Core.Rendering;
using VidStudio.Web.Api;
using VidStudio.Web.Api.WebSockets;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;
using VidStudio.Web.Hosting;
using VidStudio.Web.Jobs;
using VidStudio.Web.Maintenance;
using VidStudio.Web.Presets;
using VidStudio.Web.Studio;
using VidStudio.Web.Components;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

// Settings are needed to register services (folders, worker count), so they are bound and validated before anything
// else: a bad value stops the process here with the setting's name and the reason.
VidStudioSettings settings;
try
{
    settings = builder.Configuration.GetSection(VidStudioSettings.Section).Get<VidStudioSettings>() ?? new VidStudioSettings();
}
catch (InvalidOperationException e)
{
    return Startup.Fail(e.Message);
}

var invalid = SettingsValidation.Validate(settings);
if (invalid.Count > 0)
{
    return Startup.Fail(string.Join(Environment.NewLine, invalid));
}

Directory.CreateDirectory(settings.DataPath);
builder.Services.AddSingleton(Options.Create(settings));

builder.Host.UseSerilog((context, logging) =>
{
    logging.ReadFrom.Configuration(context.Configuration).Enrich.FromLogContext().WriteTo.Console();
    if (settings.LogPath is { } logPath)
    {
        logging.WriteTo.File(logPath, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
    }
});

// Static web assets (MudBlazor's CSS/JS) are served from the build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();

// Engine
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new FfmpegTools(settings.FfmpegPath, settings.FfprobePath));
builder.Services.AddSingleton(_ => new FontSet(settings.MonoFontPath, settings.FallbackFontPath));
var limits = new ConversionLimits
{
    MaxRows = settings.MaxRows,
    MaxAspectRatio = settings.MaxAspectRatio,
    MaxOutputPixels = settings.MaxOutputPixels,
    MaxOutputFrames = settings.MaxOutputFrames,
    MaxOutputBytes = settings.MaxJobOutputBytes,
};
builder.Services.AddSingleton(new ConverterSettings { EncoderPreset = settings.EncoderPreset, Limits = limits });
builder.Services.AddSingleton<VideoConverter>();
builder.Services.AddSingleton(sp => new TextFrameStream(sp.GetRequiredService<FfmpegTools>(), sp.GetRequiredService<FontSet>(), limits));
builder.Services.AddSingleton(sp => new FramePreviewer(sp.GetRequiredService<FfmpegTools>(), sp.GetRequiredService<FontSet>(), limits));

// Data and jobs. JobRecovery is registered before the Hangfire servers so it migrates and re-queues before they start.
builder.Services.AddDbContextFactory<VidStudioDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(settings.DataPath, "vidstudio.db")}"));
builder.Services.AddSingleton<JobFiles>();
builder.Services.AddSingleton<RunningJobs>();
builder.Services.AddSingleton<JobNotifier>();
builder.Services.AddSingleton<DiskSpaceGuard>();
builder.Services.AddSingleton<JobService>();
builder.Services.AddSingleton<PresetService>();
builder.Services.AddSingleton<ConversionRequestResolver>();
builder.Services.AddTransient<ConversionJob>();
builder.Services.AddTransient<CleanupJob>();
builder.Services.AddHostedService<JobRecovery>();
builder.Services.AddHostedService<CleanupSchedule>();
builder.Services.AddHangfire(hangfire => hangfire
    .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    // Its own database file: Hangfire's table names are unprefixed. A conversion never runs longer than JobTimeout,
    // so a job fetched by a crashed process becomes visible again soon after that, never while it still runs.
    .UseSQLiteStorage(Path.Combine(settings.DataPath, "hangfire.db"), new SQLiteStorageOptions
    {
        QueuePollInterval = settings.QueuePollInterval,
        InvisibilityTimeout = settings.JobTimeout + TimeSpan.FromMinutes(5),
    }));
builder.Services.AddHangfireServer(server =>
{
    server.ServerName = $"{Environment.MachineName}:conversions";
    server.Queues = [ConversionJob.Queue];
    server.WorkerCount = settings.MaxConcurrentJobs;
});
builder.Services.AddHangfireServer(server =>
{
    server.ServerName = $"{Environment.MachineName}:maintenance";
    server.Queues = [CleanupJob.Queue];
    server.WorkerCount = 1;
});

// Keys for antiforgery and Blazor circuits live with the data, so a restart (or a new container) keeps them.
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataPath, "keys"))).SetApplicationName("VidStudio");

builder.Services.AddVidStudioAuth(settings);

// Studio (Blazor Server + MudBlazor)
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// Notifications bottom-left: at the top right they covered the job page's action buttons.
builder.Services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft);
builder.Services.AddSingleton<StudioSources>();
builder.Services.AddSingleton<StyleSamples>();
builder.Services.AddHostedService<SampleClipWarmup>();

// API
builder.Services.AddSingleton<MultipartUploadReader>();
builder.Services.AddSingleton<UploadQuota>();
builder.Services.AddSingleton<FfmpegProbe>();
builder.Services.AddSingleton<AsciiStreamEndpoint>();
builder.Services.AddControllers().AddJsonOptions(o => ApiJson.Configure(o.JsonSerializerOptions));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi(openApi =>
{
    openApi.AddDocumentTransformer<DocumentInfoTransformer>();
    openApi.AddOperationTransformer<MultipartFormTransformer>();
});
builder.Services.AddRateLimiter(limiter =>
{
    limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    limiter.GlobalLimiter = ApiRateLimit.CreateGlobal(settings.RateLimit);
    limiter.OnRejected = ApiRateLimit.WriteProblemAsync;
});
if (settings.KnownProxies.Length > 0)
{
    builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // Only the configured proxies: the defaults would also believe any process on this machine.
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var proxy in settings.KnownProxies)
        {
            forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        }
    });
}
if (settings.CorsOrigins.Length > 0)
{
    builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins(settings.CorsOrigins).AllowAnyHeader().AllowAnyMethod()));
}

var app = builder.Build();

if (settings.KnownProxies.Length > 0)
{
    app.UseForwardedHeaders();
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseSerilogRequestLogging();
app.UseLoopbackHostFilter(app.Configuration);
if (settings.CorsOrigins.Length > 0)
{
    app.UseCors();
}

// WebSockets first: the API-key handler accepts ?api_key only on a WebSocket handshake, which this middleware recognises.
app.UseWebSockets();
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
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.UseHangfireDashboard("/hangfire", new DashboardOptions
{
    DashboardTitle = "VidStudio jobs",
    Authorization = [app.Services.GetRequiredService<DashboardAuthorization>()],
});

app.Run();
return 0;

/// <summary>Makes Program visible to the test host.</summary>
public partial class Program;
