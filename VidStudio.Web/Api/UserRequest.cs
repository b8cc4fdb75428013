namespace VidStudio.Web.Api;

public sealed record UserRequest(string? Name, string? Role);
