using VidStudio.Core.Options;
using System.Text.Json;
using System.Text.Json.Serialization;
using VidStudio.Core.Output;
using VidStudio.Web.Data;
using VidStudio.Web.Jobs;

namespace VidStudio.Web.Api;

// Response shapes of API v1 (SPEC §2). Serialized in snake_case: JobId → "job_id".

/// <summary>A job as the API reports it; <c>result</c> once completed, <c>error</c> once failed.</summary>
public sealed record JobResponse(
    string JobId,
    string Status,
    double Progress,
    string? Message,
    double? EtaSeconds,
    JobResult? Result,
    string? Error,
    double? ProcessingTimeSeconds,
    string FileName,
    string? BatchId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    JsonElement Options)
{
    public static JobResponse From(JobRecord job) => new(
        job.PublicId,
        StatusName(job.Status),
        Math.Round(job.Progress, 4),
        job.Message,
        job.EtaSeconds is { } eta ? Math.Round(eta, 1) : null,
        job.Status == JobStatus.Completed ? JobResult.From(job) : null,
        job.Error,
        job.ProcessingSeconds is { } seconds ? Math.Round(seconds, 3) : null,
        job.OriginalFileName,
        job.BatchId,
        job.CreatedAt,
        job.StartedAt,
        job.FinishedAt,
        JobOptionsJson.ToElement(job.OptionsJson));

    public static string StatusName(JobStatus status) => ApiNames.Of(status);
}

/// <summary>What a completed job produced, as download paths (the shape the original API documented).</summary>
public sealed record JobResult(string? Mp4Path, int FramesCount, double DurationSeconds, JobArtifacts Artifacts)
{
    public static JobResult From(JobRecord job)
    {
        string Url(string name) => $"/api/v1/download/{job.PublicId}/{name}";
        var mp4 = job.Artifacts.Any(a => a.Kind == ArtifactKind.Video) ? Url(ArtifactNames.Video) : null;
        return new JobResult(
            mp4,
            job.FramesCount ?? 0,
            Math.Round(job.DurationSeconds ?? 0, 3),
            new JobArtifacts(
                job.Artifacts.Where(a => a.Kind == ArtifactKind.Text).OrderBy(a => a.FileName, StringComparer.Ordinal).Select(a => Url(a.FileName)).ToList(),
                job.Artifacts.Where(a => a.Kind == ArtifactKind.Png).OrderBy(a => a.FileName, StringComparer.Ordinal).Select(a => Url(a.FileName)).ToList(),
                mp4));
    }
}

public sealed record JobArtifacts(IReadOnlyList<string> TxtFiles, IReadOnlyList<string> PngFiles, string? Mp4);

public sealed record BatchResponse(string BatchId, IReadOnlyList<string> JobIds, string Status, int Total, int Completed, int Failed, IReadOnlyList<JobResponse> Jobs)
{
    public static BatchResponse From(string batchId, IReadOnlyList<JobRecord> jobs)
    {
        var completed = jobs.Count(j => j.Status == JobStatus.Completed);
        var failed = jobs.Count(j => j.Status is JobStatus.Failed or JobStatus.Cancelled);
        var status = completed + failed < jobs.Count ? "processing" : failed == 0 ? "completed" : completed == 0 ? "failed" : "partially_completed";
        return new BatchResponse(batchId, jobs.Select(j => j.PublicId).ToList(), status, jobs.Count, completed, failed, jobs.Select(JobResponse.From).ToList());
    }
}

public sealed record JobListResponse(IReadOnlyList<JobResponse> Items, int Page, int PageSize, int Total);

public sealed record HealthResponse(string Status, string Version, double UptimeSeconds, int ActiveJobs, int RunningJobs, FfmpegHealth Ffmpeg);

public sealed record FfmpegHealth(bool Available, string? Version);

/// <summary>JSON settings shared by controllers, the WebSocket and the tests' expectations.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options) => ApiNames.Configure(options);

    /// <summary>A JSON object's properties as the name/value pairs the options parser reads (numbers and booleans as their JSON text).</summary>
    public static List<KeyValuePair<string, string?>> Fields(IEnumerable<JsonProperty> properties) =>
        properties.Select(p => new KeyValuePair<string, string?>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())).ToList();
}
