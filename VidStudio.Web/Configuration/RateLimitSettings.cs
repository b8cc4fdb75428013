using System.ComponentModel.DataAnnotations;

namespace VidStudio.Web.Configuration;

public sealed class RateLimitSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Requests one client address may make to /api per window. Generous: a script polling 20 jobs five times a
    /// second makes 6000 a minute, and status reads are cheap.
    /// </summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 6000;

    /// <summary>Uploads (convert requests) one client address may make per window: they cost disk and ffmpeg time.</summary>
    [Range(1, 1_000_000)]
    public int UploadPermitLimit { get; set; } = 120;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
