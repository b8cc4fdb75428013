using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Serilog;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Hosting;

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

settings.Database.ConnectionString ??= builder.Configuration.GetConnectionString("VidStudio");
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

builder.Services
    .AddVidStudioEngine(settings)
    .AddVidStudioJobs(settings)
    .AddVidStudioAuth(settings)
    .AddVidStudioStudio(settings)
    .AddVidStudioApi(settings);
// Keys for antiforgery and Blazor circuits live with the data, so a restart (or a new container) keeps them.
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataPath, "keys"))).SetApplicationName("VidStudio");

var app = builder.Build();
// Before anything resolves Hangfire's storage (the dashboard, the job client): on PostgreSQL the first node's
// migration creates the database that storage connects to.
await app.Services.GetRequiredService<VidStudio.Web.Data.DatabaseMigrator>().MigrateAsync(CancellationToken.None);
app.UseVidStudio(settings).Run();
return 0;

/// <summary>Makes Program visible to the test host.</summary>
public partial class Program;
