namespace VidStudio.Web.Api;

public sealed record HealthResponse(string Status, string Version, double UptimeSeconds, int ActiveJobs, int RunningJobs, FfmpegHealth Ffmpeg, string Role);
