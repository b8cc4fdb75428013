using Microsoft.Extensions.Options;
using Serilog;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Hosting;
using VidStudio.Web.WatchFolders;
using VidStudio.Web.Webhooks;

// Before anything is written: the data folder's files are this user's alone.
PrivateFiles.RestrictNewFiles();
var builder = WebApplication.CreateBuilder(args);

// Settings are needed to register services (folders, worker count), so they are bound and validated before anything
// else: a bad value stops the process here with the setting's name and the reason.
VidStudioSettings settings;
try
{
    settings = SettingsLoader.Load(builder.Configuration, [new VidStudioSettingsValidator(), new WebhookSettingsValidator(), new WatchFolderSettingsValidator()]);
}
catch (OptionsValidationException e)
{
    return Startup.Fail(string.Join(Environment.NewLine, e.Failures));
}
catch (InvalidOperationException e)
{
    return Startup.Fail(e.Message);
}

var dataFolderWarning = PrivateFiles.PrepareDataFolder(settings.DataPath);
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

builder.Services
    .AddVidStudioEngine(settings)
    .AddVidStudioJobs(settings)
    .AddVidStudioAuth(settings)
    .AddVidStudioStudio(settings)
    .AddVidStudioApi(settings)
    .AddVidStudioKeys(settings);

var app = builder.Build();
if (dataFolderWarning is not null)
{
    DataFolderNotPrivate(app.Logger, dataFolderWarning);
}

// Before anything resolves Hangfire's storage (the dashboard, the job client): on PostgreSQL the first node's
// migration creates the database that storage connects to.
await app.Services.GetRequiredService<VidStudio.Web.Data.DatabaseMigrator>().MigrateAsync(CancellationToken.None);
// Watch folders' owners and presets are rows: checked once the schema is there, before anything is watched.
if (await app.Services.GetRequiredService<WatchFolderOwners>().CheckAsync(WatchFolder.From(settings), CancellationToken.None) is { Count: > 0 } watchFolderFailures)
{
    return Startup.Fail(string.Join(Environment.NewLine, watchFolderFailures));
}

// The store must answer once at start: a wrong endpoint, bucket or key stops the server naming the setting. Later
// outages are a state the health report shows, not a reason to stop.
if (await app.Services.GetRequiredService<VidStudio.Web.Storage.IJobStorage>().CheckAsync(CancellationToken.None) is { } storageFailure)
{
    return Startup.Fail(storageFailure);
}

app.Services.GetRequiredService<VidStudio.Web.Storage.IJobStorage>().RemoveAbandonedRuns();

// Before the key ring is first read: an installation moving to the store brings the keys its nodes shared.
if (app.Services.GetService<VidStudio.Web.Storage.StoredKeyRepository>() is { } storedKeys)
{
    await storedKeys.ImportAsync(settings.KeysPath, CancellationToken.None);
}

app.UseVidStudio(settings).Run();
return 0;

/// <summary>Makes Program visible to the test host; it also holds the logging methods of the statements above.</summary>
public partial class Program
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void DataFolderNotPrivate(Microsoft.Extensions.Logging.ILogger logger, string warning);
}
