namespace VidStudio.Web.Data;

/// <summary>
/// A file a watch folder took: which file (folder, name, size, modification time) became which job, and how far it got.
/// The unique index over the file's identity is the claim: on several nodes the one whose insert succeeds takes the file,
/// and after a restart a file already recorded is not converted again.
/// </summary>
public sealed class WatchedFileRecord
{
    public long Id { get; set; }

    public const int MaxFolderLength = 1024;

    public const int MaxFileNameLength = 255;

    /// <summary>The watch folder's full path.</summary>
    public required string FolderPath { get; set; }

    public required string FileName { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>The file's last write time in UTC ticks.</summary>
    public long LastWriteTicks { get; set; }

    public WatchedFileState State { get; set; }

    /// <summary>The job made from the file; null until it exists (and for a file that was refused).</summary>
    public string? JobId { get; set; }

    /// <summary>Why the file was moved to <c>failed</c>.</summary>
    public string? Error { get; set; }

    /// <summary>When the state last changed: a node that claimed the file and died is known by an old claim.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum WatchedFileState
{
    /// <summary>A node took the file and is making its job.</summary>
    Claimed,

    /// <summary>Its job exists; the outputs are copied once it ends.</summary>
    Queued,

    /// <summary>A node is copying the finished job's outputs and applying the done action.</summary>
    Delivering,

    /// <summary>Outputs copied, source moved, deleted or kept.</summary>
    Delivered,

    /// <summary>Refused or its job did not complete: the source is in <c>failed</c> with its <c>.error.txt</c>.</summary>
    Failed,
}
