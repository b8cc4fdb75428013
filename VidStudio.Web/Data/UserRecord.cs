namespace VidStudio.Web.Data;

/// <summary>Someone who signs in with API keys; a member sees only their own jobs and presets, an admin sees all jobs.</summary>
public sealed class UserRecord
{
    public long Id { get; set; }

    /// <summary>Longest user or key name, in characters (the columns' size).</summary>
    public const int MaxNameLength = 64;

    public required string Name { get; set; }

    public UserRole Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<ApiKeyRecord> Keys { get; set; } = [];
}
