namespace VidStudio.Web.Api;

public sealed record KeyRequest(string? Name);
