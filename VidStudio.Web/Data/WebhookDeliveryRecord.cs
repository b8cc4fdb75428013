namespace VidStudio.Web.Data;

/// <summary>
/// One notification of one finished job to one endpoint. The body and its signature are fixed when the job finishes, so
/// every attempt sends the same bytes (and a receiver can de-duplicate on <see cref="Id"/>).
/// </summary>
public sealed class WebhookDeliveryRecord
{
    /// <summary>The longest webhook URL accepted and stored, a delivery's and a job's <c>callback_url</c> alike.</summary>
    public const int MaxUrlLength = 2048;

    public long Id { get; set; }

    /// <summary>
    /// The job it reports; null once that job was deleted. A delivery outlives its job: a script that deletes the job
    /// as soon as it has its files must still be called back (cleanup removes settled orphans).
    /// </summary>
    public long? JobId { get; set; }

    public required string Url { get; set; }

    /// <summary>Whether the job asked for it (<c>callback_url</c>) rather than the configuration.</summary>
    public bool FromCallback { get; set; }

    /// <summary><c>job.completed</c>, <c>job.failed</c> or <c>job.cancelled</c>.</summary>
    public required string Event { get; set; }

    public required string Body { get; set; }

    /// <summary><c>sha256=</c> and the hex HMAC of <see cref="Body"/>.</summary>
    public required string Signature { get; set; }

    public WebhookDeliveryState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<WebhookAttemptRecord> Attempts { get; set; } = [];
}

public enum WebhookDeliveryState
{
    Pending,
    Delivered,
    GaveUp,
}

/// <summary>One HTTP call of a delivery: when, and what came back (a status code, or why there was none).</summary>
public sealed class WebhookAttemptRecord
{
    public long Id { get; set; }

    public long DeliveryId { get; set; }

    public int Number { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }

    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    public double DurationMilliseconds { get; set; }
}
