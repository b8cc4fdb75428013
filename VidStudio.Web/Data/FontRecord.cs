namespace VidStudio.Web.Data;

/// <summary>A font a user uploaded: its name in the <c>font</c> parameter, whose it is, and its file under DataDirectory/fonts.</summary>
public sealed class FontRecord
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The user who uploaded it; null for fonts uploaded while authentication was off (shared by everyone working that way).</summary>
    public long? OwnerId { get; set; }

    /// <summary>The stored file's name in the fonts folder (a new random name per upload, never the user's).</summary>
    public required string FileName { get; set; }

    /// <summary>The family the file names itself.</summary>
    public required string Family { get; set; }

    public double CellAspect { get; set; }

    public bool Monospace { get; set; }

    public long SizeBytes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Longest family name kept (the column's size); longer ones are cut.</summary>
    public const int MaxFamilyLength = 128;
}
