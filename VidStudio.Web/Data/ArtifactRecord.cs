namespace VidStudio.Web.Data;

public sealed class ArtifactRecord
{
    public long Id { get; set; }

    public long JobId { get; set; }

    /// <summary>The output that wrote it: its <see cref="VidStudio.Core.Output.OutputFormat.Kind"/>.</summary>
    public required string Kind { get; set; }

    public required string FileName { get; set; }

    public long SizeBytes { get; set; }
}
