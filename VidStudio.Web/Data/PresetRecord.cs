namespace VidStudio.Web.Data;

/// <summary>A look a user saved under a name; the options are stored as the job table stores them.</summary>
public sealed class PresetRecord
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string OptionsJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
