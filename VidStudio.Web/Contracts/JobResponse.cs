using VidStudio.Core.Options;
using System.Text.Json;
using System.Text.Json.Serialization;
using VidStudio.Web.Data;

namespace VidStudio.Web.Contracts;

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
    JsonElement Options,
    string? CallbackUrl,
    // The callback's signing secret, in the answer that created the job only, when the server chose it.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CallbackSecret = null)
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
        JobOptionsJson.ToElement(job.OptionsJson),
        job.CallbackUrl);

    public static string StatusName(JobStatus status) => ApiNames.Of(status);
}
