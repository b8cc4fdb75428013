namespace VidStudio.Web.Data;

/// <summary>A look a user saved under a name; the options are stored as the job table stores them.</summary>
public sealed class PresetRecord
{
    public long Id { get; set; }

    /// <summary>Longest name, in characters (the column's size).</summary>
    public const int MaxNameLength = 64;

    public required string Name { get; set; }

    /// <summary>The user who saved it; null for presets saved while authentication was off.</summary>
    public long? OwnerId { get; set; }

    public required string OptionsJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
