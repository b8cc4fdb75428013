using VidStudio.Core.Output;

namespace VidStudio.Web.Data;

public sealed class ArtifactRecord
{
    public long Id { get; set; }

    public long JobId { get; set; }

    public ArtifactKind Kind { get; set; }

    public required string FileName { get; set; }

    public long SizeBytes { get; set; }
}
