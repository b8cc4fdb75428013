using VidStudio.Tests.Support;

namespace VidStudio.Tests.Api;

/// <summary>
/// Tests that host the app in-process share one host and run one after another: Hangfire keeps its storage in
/// static state, so two hosts alive at once would steal each other's jobs.
/// </summary>
[CollectionDefinition(nameof(ServerCollection))]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>;

public sealed class ServerFixture : StudioFactory
{
    public const long MaxFileSize = 16 * 1024 * 1024;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["VidStudio:MaxFileSize"] = MaxFileSize.ToString(),
        ["VidStudio:MaxConcurrentJobs"] = "2",
        ["VidStudio:JobTimeout"] = "00:00:08",
        ["VidStudio:RateLimit:PermitLimit"] = "100000",
    };
}
