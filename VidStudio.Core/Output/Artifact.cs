namespace VidStudio.Core.Output;

/// <summary>One file a job wrote; <paramref name="Kind"/> is its output's <see cref="OutputFormat.Kind"/>.</summary>
public sealed record Artifact(string Kind, string FileName, long SizeBytes);
