using System.ComponentModel.DataAnnotations;

namespace VidStudio.Web.Configuration;

/// <summary>
/// <c>VidStudio:Webhooks</c>: endpoints called for every job that finishes, and the rules for every delivery (including a
/// job's own <c>callback_url</c>).
/// </summary>
public sealed class WebhookSettings
{
    /// <summary>Called for every job; configured by the administrator, so private addresses are allowed for them.</summary>
    public WebhookEndpoint[] Endpoints { get; set; } = [];

    /// <summary>
    /// Whether a job's <c>callback_url</c> may point at loopback, link-local or private addresses. Off: a user of the API
    /// must not be able to make the server call its own network (SSRF).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Deliveries tried per endpoint before it is given up.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the second attempt; it doubles for each one after (10 s … ~21 min by the eighth).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one attempt may take, connection included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class WebhookEndpoint
{
    public string Url { get; set; } = "";

    /// <summary>The key of the body's HMAC-SHA256 (<c>X-VidStudio-Signature</c>); at least 16 characters.</summary>
    public string Secret { get; set; } = "";
}
