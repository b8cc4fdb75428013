namespace VidStudio.Web.Api;

/// <summary>A file received into the staging folder; <see cref="OriginalName"/> is for display only.</summary>
public sealed record StagedFile(string Path, string OriginalName, long Length);
