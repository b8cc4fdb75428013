using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VidStudio.Tests.Support;

/// <summary>
/// The real app in the test host: real SQLite files, real Hangfire processing jobs, real ffmpeg. Each factory has its
/// own data folder; <see cref="Settings"/> overrides configuration (e.g. a small MaxFileSize) as environment
/// variables would.
/// </summary>
public class StudioFactory : WebApplicationFactory<Program>
{
    public StudioFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "vidstudio-app-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public string DataDirectory { get; }

    public TestMedia Media { get; } = new();

    public AdjustableClock Clock { get; } = new();

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("VidStudio:DataDirectory", DataDirectory);
        builder.UseSetting("VidStudio:QueuePollInterval", "00:00:00.250");
        builder.UseSetting("VidStudio:ProgressWriteInterval", "00:00:00.200");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Media.Dispose();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>System time plus an offset the test can move forward (for expiry and cleanup).</summary>
public sealed class AdjustableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
