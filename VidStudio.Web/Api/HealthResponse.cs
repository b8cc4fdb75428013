namespace VidStudio.Web.Api;

public sealed record HealthResponse(string Status, string Version, double UptimeSeconds, int ActiveJobs, int RunningJobs, FfmpegHealth Ffmpeg, string Role, StorageHealth Storage);

/// <summary>Where jobs' files are kept (<c>local</c> or <c>s3</c>), whether it answers, and if not, why.</summary>
public sealed record StorageHealth(string Provider, bool Reachable, string? Error);
