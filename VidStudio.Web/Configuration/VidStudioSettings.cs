using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using VidStudio.Core.Options;

namespace VidStudio.Web.Configuration;

/// <summary>
/// The installation's settings: section <c>VidStudio</c> of appsettings.json, overridden by environment variables
/// named <c>VidStudio__Setting</c> (e.g. <c>VidStudio__MaxConcurrentJobs=2</c>). Validated at start-up.
/// </summary>
public sealed class VidStudioSettings
{
    public const string Section = "VidStudio";

    /// <summary>Root of everything the server writes; relative paths are taken from the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Where uploads wait for their job; defaults to DataDirectory/uploads.</summary>
    public string? UploadsDirectory { get; set; }

    /// <summary>Where each job's artifacts are written, one folder per job; defaults to DataDirectory/results.</summary>
    public string? ResultsDirectory { get; set; }

    /// <summary>Largest accepted upload, in bytes (default 500 MB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileSize { get; set; } = 500L * 1024 * 1024;

    /// <summary>Most files in one batch upload.</summary>
    [Range(1, 100)]
    public int MaxBatchFiles { get; set; } = 20;

    /// <summary>Conversions that may run at once.</summary>
    [Range(1, 64)]
    public int MaxConcurrentJobs { get; set; } = 4;

    /// <summary>A conversion running longer than this fails with a timeout message.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "7.00:00:00")]
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>Finished jobs, their records and files are deleted this long after they finish.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan CleanupAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the cleanup job runs.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Output frame rate when a request gives none; null keeps each source's own rate. Checked by the parameter table.</summary>
    public int? DefaultFps { get; set; }

    public int DefaultCrf { get; set; } = 23;

    public int DefaultWidth { get; set; } = 120;

    /// <summary>x264 preset of every MP4.</summary>
    [RegularExpression("^(ultrafast|superfast|veryfast|faster|fast|medium|slow|slower|veryslow)$")]
    public string EncoderPreset { get; set; } = "veryfast";

    public string FfmpegPath { get; set; } = "ffmpeg";

    public string FfprobePath { get; set; } = "ffprobe";

    public string MonoFontPath { get; set; } = VidStudio.Core.Rendering.FontSet.DefaultMonoPath;

    public string FallbackFontPath { get; set; } = VidStudio.Core.Rendering.FontSet.DefaultFallbackPath;

    /// <summary>Log file (rolled daily); relative paths are under DataDirectory. Empty disables file logging.</summary>
    public string? LogFile { get; set; } = "logs/vidstudio-.log";

    /// <summary>Origins allowed by CORS; empty (the default) turns CORS off.</summary>
    public string[] CorsOrigins { get; set; } = [];

    public RateLimitSettings RateLimit { get; set; } = new();

    /// <summary>Lets remote (non-loopback) clients open /hangfire. Off by default.</summary>
    public bool DashboardAllowRemote { get; set; }

    /// <summary>Character rows one frame may have (tall sources at a large width ask for many).</summary>
    [Range(10, 5000)]
    public int MaxRows { get; set; } = 500;

    /// <summary>Longest side over shortest side of a source; an 8×8192 GIF is 1024:1.</summary>
    [Range(1.0, 1000.0)]
    public double MaxAspectRatio { get; set; } = 8;

    /// <summary>Pixels of one rendered frame (width × height); the default is a little more than 8K UHD.</summary>
    [Range(1_000, long.MaxValue)]
    public long MaxOutputPixels { get; set; } = 40_000_000;

    /// <summary>Frames one job may produce (output fps × duration).</summary>
    [Range(1, int.MaxValue)]
    public int MaxOutputFrames { get; set; } = 100_000;

    /// <summary>Bytes one job may write; a job that passes it fails and leaves no files (default 20 GB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxJobOutputBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>New jobs and uploads are refused (507) while less than this is free under DataDirectory (default 1 GB).</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeDiskBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>A job is started at most this many times (each crash of the process during its run counts); then it fails.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>WebSocket streams that may run at once; more are refused with 503.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentStreams { get; set; } = 4;

    /// <summary>How long a WebSocket client may take to send its whole start message (the video).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StreamStartTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a WebSocket client may send nothing while its start message is still arriving.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Addresses of reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed. Requests from
    /// anywhere else keep their own address, and a request that still carries forwarding headers is never "local".
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    public AuthSettings Auth { get; set; } = new();

    /// <summary>How often a job writes its progress to the database at most.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ProgressWriteInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often Hangfire looks for queued jobs (its default of 15 s makes every job wait).</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:01:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string UploadsPath => Path.GetFullPath(UploadsDirectory ?? Path.Combine(DataDirectory, "uploads"));

    public string ResultsPath => Path.GetFullPath(ResultsDirectory ?? Path.Combine(DataDirectory, "results"));

    public string DataPath => Path.GetFullPath(DataDirectory);

    public string? LogPath => string.IsNullOrWhiteSpace(LogFile) ? null : Path.GetFullPath(Path.Combine(DataDirectory, LogFile));
}

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

public enum AuthMode
{
    /// <summary>Off while the server listens on loopback addresses only, on as soon as it listens on any other.</summary>
    Auto,
    On,
    Off,
}

/// <summary>Section <c>VidStudio:Auth</c>.</summary>
public sealed class AuthSettings
{
    public AuthMode Mode { get; set; } = AuthMode.Auto;

    /// <summary>Keys accepted in addition to those in the database, for automation and bootstrap; they act as the first admin.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>How long a Studio sign-in lasts without activity.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>Checks what attributes cannot: nested settings and paths that must be usable.</summary>
public sealed class VidStudioSettingsValidator : IValidateOptions<VidStudioSettings>
{
    public ValidateOptionsResult Validate(string? name, VidStudioSettings settings)
    {
        var failures = new List<string>();
        var nested = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings.RateLimit, new ValidationContext(settings.RateLimit), nested, validateAllProperties: true))
        {
            failures.AddRange(nested.Select(r => $"VidStudio:RateLimit: {r.ErrorMessage}"));
        }

        nested.Clear();
        if (!Validator.TryValidateObject(settings.Auth, new ValidationContext(settings.Auth), nested, validateAllProperties: true))
        {
            failures.AddRange(nested.Select(r => $"VidStudio:Auth: {r.ErrorMessage}"));
        }

        if (settings.Auth.ApiKeys.Any(k => k.Length < 16))
        {
            failures.Add("VidStudio:Auth:ApiKeys: every key must have at least 16 characters.");
        }

        foreach (var proxy in settings.KnownProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                failures.Add($"VidStudio:KnownProxies: '{proxy}' is not an IP address.");
            }
        }

        // The request defaults obey the same ranges as requests: the parameter table says what they are.
        foreach (var (setting, parameter, value) in new (string, ConversionParameter, int?)[]
        {
            ("DefaultWidth", ConversionParameters.Width, settings.DefaultWidth),
            ("DefaultCrf", ConversionParameters.Crf, settings.DefaultCrf),
            ("DefaultFps", ConversionParameters.Fps, settings.DefaultFps),
        })
        {
            if (parameter.Check(value) is { } error)
            {
                failures.Add($"VidStudio:{setting}: {error}");
            }
        }

        foreach (var (setting, path) in new[] { ("DataDirectory", settings.DataDirectory), ("UploadsDirectory", settings.UploadsDirectory), ("ResultsDirectory", settings.ResultsDirectory) })
        {
            if (path is not null && path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                failures.Add($"VidStudio:{setting} '{path}' is not a valid path.");
            }
        }

        foreach (var origin in settings.CorsOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                failures.Add($"VidStudio:CorsOrigins: '{origin}' is not an http(s) origin such as https://example.com.");
            }
        }

        if (!File.Exists(settings.MonoFontPath))
        {
            failures.Add($"VidStudio:MonoFontPath: '{settings.MonoFontPath}' does not exist (Debian: apt-get install fonts-dejavu-core).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
