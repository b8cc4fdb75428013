namespace VidStudio.Web.Data;

public sealed class ArtifactRecord
{
    public long Id { get; set; }

    public long JobId { get; set; }

    /// <summary>The output that wrote it: its <see cref="VidStudio.Core.Output.OutputFormat.Kind"/>.</summary>
    public required string Kind { get; set; }

    public required string FileName { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>The artifact as the storage finds it.</summary>
    public VidStudio.Core.Output.Artifact ToArtifact() => new(Kind, FileName, SizeBytes);

    /// <summary>A job's artifacts as the storage finds them.</summary>
    public static List<VidStudio.Core.Output.Artifact> ToArtifacts(IEnumerable<ArtifactRecord> artifacts) => [.. artifacts.Select(a => a.ToArtifact())];
}
