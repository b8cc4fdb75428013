namespace VidStudio.Core.Output;

public sealed record Artifact(ArtifactKind Kind, string FileName, long SizeBytes);
