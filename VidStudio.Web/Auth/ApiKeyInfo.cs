namespace VidStudio.Web.Auth;

/// <summary>A key as lists show it: never the key itself.</summary>
public sealed record ApiKeyInfo(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, bool Revoked);
