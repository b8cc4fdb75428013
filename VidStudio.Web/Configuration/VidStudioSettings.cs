using System.ComponentModel.DataAnnotations;

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

    /// <summary>Where uploads wait for their job (with S3 storage, only while they are checked before going to the store); defaults to DataDirectory/uploads.</summary>
    public string? UploadsDirectory { get; set; }

    /// <summary>Where each job's artifacts are written, one folder per job, with local storage (with S3 a run works in DataDirectory/work); defaults to DataDirectory/results.</summary>
    public string? ResultsDirectory { get; set; }

    /// <summary>Largest accepted upload, in bytes (default 500 MB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileSize { get; set; } = 500L * 1024 * 1024;

    /// <summary>Largest accepted font upload, in bytes (default 10 MB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFontFileSize { get; set; } = 10L * 1024 * 1024;

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

    /// <summary>The file of the default font, <c>dejavu-sans-mono</c> (the other bundled fonts are found where their Debian packages put them).</summary>
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

    public WebhookSettings Webhooks { get; set; } = new();

    public DatabaseSettings Database { get; set; } = new();

    /// <summary>Where jobs' sources and results are kept: the local folders (default) or an S3-compatible bucket.</summary>
    public StorageSettings Storage { get; set; } = new();

    /// <summary>Folders whose new videos become jobs (see <see cref="WatchFolderSettings"/>); none by default.</summary>
    public WatchFolderSettings[] WatchFolders { get; set; } = [];

    /// <summary>How often the watch folders are listed (file system events are unreliable on network mounts, so they are polled).</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:10:00")]
    public TimeSpan WatchFolderPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// What this process does: <c>all</c> (one process, the default), <c>web</c> (Studio, API, WebSocket, docs and
    /// dashboard; no conversions) or <c>worker</c> (conversions, webhooks and cleanup; only <c>GET /health</c>).
    /// Several nodes need <see cref="DatabaseProvider.Postgres"/>, and either one shared data folder (local storage) or
    /// the object store (<see cref="StorageSettings"/>), with which they share no folder.
    /// </summary>
    public NodeRole Role { get; set; } = NodeRole.All;

    /// <summary>How long a conversion whose worker stopped heart-beating stays invisible before another worker takes it (PostgreSQL).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan WorkerLeaseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool RunsConversions => Role != NodeRole.Web;

    public bool ServesWeb => Role != NodeRole.Worker;

    /// <summary>How often a job writes its progress to the database at most.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ProgressWriteInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often Hangfire looks for queued jobs (its default of 15 s makes every job wait).</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:01:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string UploadsPath => Path.GetFullPath(UploadsDirectory ?? Path.Combine(DataDirectory, "uploads"));

    public string ResultsPath => Path.GetFullPath(ResultsDirectory ?? Path.Combine(DataDirectory, "results"));

    public string DataPath => Path.GetFullPath(DataDirectory);

    /// <summary>Uploaded fonts with local storage (in the data folder the nodes share); with s3 a cache of the store's.</summary>
    public string FontsPath => Path.Combine(DataPath, "fonts");

    /// <summary>Data Protection's keys with local storage (with s3 they live in the store, <see cref="Storage.StoredKeyRepository"/>).</summary>
    public string KeysPath => Path.Combine(DataPath, "keys");

    /// <summary>The log file; <c>{node}</c> in <see cref="LogFile"/> is this machine's (container's) name, so nodes sharing a data folder log apart.</summary>
    public string? LogPath => string.IsNullOrWhiteSpace(LogFile)
        ? null
        : Path.GetFullPath(Path.Combine(DataDirectory, LogFile.Replace("{node}", Environment.MachineName, StringComparison.Ordinal)));
}
