using Microsoft.EntityFrameworkCore;
using VidStudio.Web.Data;
using VidStudio.Web.Jobs;
using VidStudio.Web.Storage;

namespace VidStudio.Web.WatchFolders;

/// <summary>
/// What becomes of a watched file once its job ends: the job's outputs are copied from the job storage (the job keeps
/// its own, for its page and downloads, until cleanup; with s3 they come from the store) to <c>OutputPath/&lt;name without extension&gt;/</c> and the source is moved to
/// <c>done</c>, deleted or kept; a file whose job did not complete, or that was refused, goes to <c>failed</c> beside a
/// <c>.error.txt</c>. Each delivery is claimed with a guarded update, so one node does it.
/// </summary>
public sealed partial class WatchedFileOutcomes(
    IDbContextFactory<VidStudioDbContext> databases,
    IJobStorage storage,
    TimeProvider clock,
    ILogger<WatchedFileOutcomes> logger)
{
    /// <summary>Delivers every file of <paramref name="folders"/> whose job has ended.</summary>
    public async Task DeliverFinishedAsync(IReadOnlyList<WatchFolder> folders, CancellationToken cancellationToken)
    {
        var paths = folders.Select(f => f.Path).ToList();
        List<WatchedFileRecord> queued;
        Dictionary<string, JobRecord> jobs;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            queued = await db.WatchedFiles.AsNoTracking().Where(w => w.State == WatchedFileState.Queued && paths.Contains(w.FolderPath)).ToListAsync(cancellationToken);
            if (queued.Count == 0)
            {
                return;
            }

            var ids = queued.Select(w => w.JobId).ToList();
            jobs = await db.Jobs.AsNoTracking().Include(j => j.Artifacts).AsSplitQuery().Where(j => ids.Contains(j.PublicId)).ToDictionaryAsync(j => j.PublicId, cancellationToken);
        }

        foreach (var file in queued)
        {
            var job = jobs.GetValueOrDefault(file.JobId!);
            if ((job is not null && !job.Status.IsFinished()) || !await TryMoveAsync(file.Id, WatchedFileState.Queued, WatchedFileState.Delivering))
            {
                continue;
            }

            var folder = folders.Single(f => f.Path == file.FolderPath);
            if (job is not { Status: JobStatus.Completed })
            {
                await FailAsync(folder, file, job is null ? $"Its job {file.JobId} was deleted before it finished."
                    : job.Status == JobStatus.Cancelled ? $"Its job {file.JobId} was cancelled."
                    : $"Its job {file.JobId} failed: {job.Error}");
                continue;
            }

            try
            {
                var output = await CopyOutputsAsync(folder, file, job, cancellationToken);
                ApplyDoneAction(folder, file);
                await TryMoveAsync(file.Id, WatchedFileState.Delivering, WatchedFileState.Delivered);
                FileDelivered(file.FileName, file.JobId!, output);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException || StoreFailures.Is(e))
            {
                if (await storage.CheckAsync(cancellationToken) is { } outage)
                {
                    // The outputs are safe in the store: the delivery waits for it, at the next scan.
                    await TryMoveAsync(file.Id, WatchedFileState.Delivering, WatchedFileState.Queued);
                    DeliveryWaitsForStore(file.FileName, outage);
                    continue;
                }

                // A full disk or a vanished mount at the destination, or outputs no longer there (removed by hand).
                await FailAsync(folder, file, $"Its job {file.JobId} completed, but its outputs could not be copied to {folder.OutputPath}: {e.Message}");
            }
        }
    }

    /// <summary>Moves the source to <c>failed</c> with a <c>.error.txt</c> holding <paramref name="reason"/>, and records the failure.</summary>
    public async Task FailAsync(WatchFolder folder, WatchedFileRecord file, string reason)
    {
        Directory.CreateDirectory(folder.FailedFolder);
        var source = Path.Combine(folder.Path, file.FileName);
        if (IsSameVersion(source, file))
        {
            File.Move(source, Path.Combine(folder.FailedFolder, file.FileName), overwrite: true);
        }

        await File.WriteAllTextAsync(Path.Combine(folder.FailedFolder, file.FileName + ".error.txt"),
            $"VidStudio could not convert '{file.FileName}' ({clock.GetUtcNow():u}):{Environment.NewLine}{reason}{Environment.NewLine}");
        await using (var db = await databases.CreateDbContextAsync(CancellationToken.None))
        {
            await db.WatchedFiles.Where(w => w.Id == file.Id).ExecuteUpdateAsync(s => s
                .SetProperty(w => w.State, WatchedFileState.Failed)
                .SetProperty(w => w.Error, reason)
                .SetProperty(w => w.UpdatedAt, clock.GetUtcNow()));
        }

        FileFailed(file.FileName, folder.Path, reason);
    }

    /// <summary>
    /// Gives work back that a node started and never finished: a claim without its job is deleted (the file is taken
    /// afresh), a delivery is made again. Such rows are those touched before <paramref name="abandonedBefore"/>.
    /// </summary>
    public async Task ReclaimAbandonedAsync(DateTimeOffset abandonedBefore, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.WatchedFiles.Where(w => w.State == WatchedFileState.Claimed && w.UpdatedAt < abandonedBefore).ExecuteDeleteAsync(cancellationToken);
        await db.WatchedFiles.Where(w => w.State == WatchedFileState.Delivering && w.UpdatedAt < abandonedBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.State, WatchedFileState.Queued), cancellationToken);
    }

    /// <summary>Copies the job's artifacts to a hidden folder beside the destination, then renames it into place, so a reader never sees half of it.</summary>
    private async Task<string> CopyOutputsAsync(WatchFolder folder, WatchedFileRecord file, JobRecord job, CancellationToken cancellationToken)
    {
        var destination = Path.Combine(folder.OutputPath, Path.GetFileNameWithoutExtension(file.FileName));
        var partial = Path.Combine(folder.OutputPath, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.part");
        var artifacts = ArtifactRecord.ToArtifacts(job.Artifacts);
        Directory.CreateDirectory(partial);
        try
        {
            await foreach (var (artifact, content) in storage.ReadAllAsync(job.PublicId, job.StorageRun, artifacts, artifacts, cancellationToken))
            {
                var target = Path.Combine(partial, artifact.FileName);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var copy = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await content.CopyToAsync(copy, cancellationToken);
            }
        }
        catch
        {
            // A full disk, a vanished mount, a store gone quiet: no half copy is left behind.
            JobFiles.DeleteDirectory(partial);
            throw;
        }

        // A later version of a file with the same name replaces the outputs of the earlier one.
        JobFiles.DeleteDirectory(destination);
        Directory.Move(partial, destination);
        return destination;
    }

    private static void ApplyDoneAction(WatchFolder folder, WatchedFileRecord file)
    {
        var source = Path.Combine(folder.Path, file.FileName);
        // A file replaced since it was taken is a new version, waiting for its own turn.
        if (!IsSameVersion(source, file))
        {
            return;
        }

        switch (folder.DoneAction)
        {
            case DoneAction.Move:
                Directory.CreateDirectory(folder.DoneFolder);
                File.Move(source, Path.Combine(folder.DoneFolder, file.FileName), overwrite: true);
                break;
            case DoneAction.Delete:
                File.Delete(source);
                break;
            case DoneAction.Keep:
                break;
        }
    }

    private static bool IsSameVersion(string path, WatchedFileRecord file)
    {
        var info = new FileInfo(path);
        return info.Exists && info.Length == file.SizeBytes && info.LastWriteTimeUtc.Ticks == file.LastWriteTicks;
    }

    private async Task<bool> TryMoveAsync(long id, WatchedFileState from, WatchedFileState to)
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        return await db.WatchedFiles.Where(w => w.Id == id && w.State == from).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.State, to)
            .SetProperty(w => w.UpdatedAt, clock.GetUtcNow())) == 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch folder: {FileName} (job {JobId}) delivered to {Output}")]
    private partial void FileDelivered(string fileName, string jobId, string output);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch folder: the outputs of {FileName} wait for the storage to answer ({Reason})")]
    private partial void DeliveryWaitsForStore(string fileName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch folder: {FileName} in {Folder} moved to failed: {Reason}")]
    private partial void FileFailed(string fileName, string folder, string reason);
}
