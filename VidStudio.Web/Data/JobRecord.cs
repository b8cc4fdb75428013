namespace VidStudio.Web.Data;

/// <summary>One conversion: what was asked, where it stands, what it produced.</summary>
public sealed class JobRecord
{
    public long Id { get; set; }

    /// <summary>12 lower-case hex characters; the id clients see.</summary>
    public required string PublicId { get; set; }

    public string? BatchId { get; set; }

    /// <summary>The user who created the job; null for jobs created while authentication was off.</summary>
    public long? OwnerId { get; set; }

    /// <summary>The uploaded file's name as the client gave it, for display only (never used as a path).</summary>
    public required string OriginalFileName { get; set; }

    /// <summary>Where the storage keeps the upload: its path under the uploads folder, or its object key.</summary>
    public string? InputPath { get; set; }

    public long InputSizeBytes { get; set; }

    /// <summary>What the probe found when the job was created (JSON of MediaInfo), so the run does not probe again.</summary>
    public string? MediaJson { get; set; }

    /// <summary>The conversion options as JSON (the same type the API binds and the engine receives).</summary>
    public required string OptionsJson { get; set; }

    public JobStatus Status { get; set; }

    public double Progress { get; set; }

    public string? Message { get; set; }

    public double? EtaSeconds { get; set; }

    public string? Error { get; set; }

    /// <summary>
    /// The run that owns this conversion. It is recorded before its Hangfire job exists and travels with it as a job
    /// parameter, so a worker that fetches the job at once already finds itself the owner; any other copy does nothing.
    /// </summary>
    public string? RunId { get; set; }

    /// <summary>The run whose results the storage keeps for the job (<see cref="RunId"/>; <c>0</c> for a job run without Hangfire, as tests do).</summary>
    public string StorageRun => RunId ?? "0";

    /// <summary>The owning run's Hangfire job, so that a cancel can delete it from the queue.</summary>
    public string? HangfireJobId { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public double? ProcessingSeconds { get; set; }

    public int? FramesCount { get; set; }

    public double? DurationSeconds { get; set; }

    public List<ArtifactRecord> Artifacts { get; set; } = [];

    /// <summary>Where to POST the job's final status record (<c>callback_url</c>); null when not asked.</summary>
    public string? CallbackUrl { get; set; }

    /// <summary>
    /// The key that signs the callback's body (the client sent it or got it once when the job was created), encrypted
    /// (<see cref="Webhooks.CallbackSecretProtector"/>); cleared once the job's notifications are signed.
    /// </summary>
    public string? CallbackSecret { get; set; }

    public List<WebhookDeliveryRecord> WebhookDeliveries { get; set; } = [];

    public bool IsFinished => Status.IsFinished();
}
