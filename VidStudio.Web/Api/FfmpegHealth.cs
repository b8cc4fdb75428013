namespace VidStudio.Web.Api;

public sealed record FfmpegHealth(bool Available, string? Version);
