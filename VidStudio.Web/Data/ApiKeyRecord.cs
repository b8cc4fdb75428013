namespace VidStudio.Web.Data;

/// <summary>
/// One API key of a user. Only its SHA-256 hash is stored (keys are 256 random bits, so a fast hash is enough to make a
/// stolen table useless); the key itself is shown once, when it is created. <see cref="Prefix"/> identifies it in lists.
/// </summary>
public sealed class ApiKeyRecord
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public UserRecord? User { get; set; }

    public required string Name { get; set; }

    public required string Prefix { get; set; }

    public required string Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
