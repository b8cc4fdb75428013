using VidStudio.Core.Options;
using System.Text.Json;
using System.Text.Json.Serialization;
using VidStudio.Core.Output;
using VidStudio.Web.Data;
using VidStudio.Web.Jobs;

namespace VidStudio.Web.Api;

// Response shapes of API v1 (SPEC §2). Serialized in snake_case: JobId → "job_id".

/// <summary>Download paths of a job's files by kind; each is empty or null unless its <c>save_*</c> flag asked for it.</summary>
public sealed record JobArtifacts(IReadOnlyList<string> TxtFiles, IReadOnlyList<string> PngFiles, string? Mp4, IReadOnlyList<string> AnsiFiles, string? Cast, string? Gif, string? WebmAlpha, string? HtmlPlayer);
