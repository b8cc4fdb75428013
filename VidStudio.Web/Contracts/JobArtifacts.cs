namespace VidStudio.Web.Contracts;

// Response shapes of API v1 (SPEC §2). Serialized in snake_case: JobId → "job_id".

/// <summary>Download paths of a job's files by kind; each is empty or null unless its <c>save_*</c> flag asked for it.</summary>
public sealed record JobArtifacts(IReadOnlyList<string> TxtFiles, IReadOnlyList<string> PngFiles, string? Mp4, IReadOnlyList<string> AnsiFiles, string? Cast, string? Gif, string? WebmAlpha, string? HtmlPlayer);
