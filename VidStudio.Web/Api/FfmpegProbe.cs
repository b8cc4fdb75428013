using VidStudio.Core.Media;

namespace VidStudio.Web.Api;

/// <summary>ffmpeg's version line, re-checked at most once a minute so health checks stay cheap.</summary>
public sealed class FfmpegProbe(FfmpegTools tools, TimeProvider clock)
{
    private (string? Version, DateTimeOffset CheckedAt)? _cached;

    public async Task<string?> GetVersionAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && clock.GetUtcNow() - cached.CheckedAt < TimeSpan.FromMinutes(1))
        {
            return cached.Version;
        }

        var version = await tools.GetVersionAsync(cancellationToken);
        _cached = (version, clock.GetUtcNow());
        return version;
    }
}
