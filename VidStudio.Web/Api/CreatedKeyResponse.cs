namespace VidStudio.Web.Api;

/// <summary>A key as created: <c>key</c> is shown this once and never again.</summary>
public sealed record CreatedKeyResponse(string Key, string Name, string Prefix);
