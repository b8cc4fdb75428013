using Microsoft.EntityFrameworkCore;
using VidStudio.Core;
using VidStudio.Web.Admission;
using VidStudio.Web.Data;
using VidStudio.Web.Jobs;
using VidStudio.Web.Storage;

namespace VidStudio.Web.WatchFolders;

/// <summary>
/// Turns a settled file of a watch folder into a job through <see cref="JobSubmission"/>, as an upload would be. The file
/// is claimed first by inserting its <see cref="WatchedFileRecord"/> (unique per folder, name, size and modification
/// time), so one node takes it, once; the job and the record's link to it are saved together. A file the probe or
/// the caps refuse goes to <c>failed</c> with a <c>.error.txt</c> saying why.
/// </summary>
public sealed partial class WatchedFileIntake(
    IDbContextFactory<VidStudioDbContext> databases,
    JobSubmission submission,
    JobFiles files,
    IJobStorage storage,
    WatchFolderOwners owners,
    WatchedFileOutcomes outcomes,
    TimeProvider clock,
    ILogger<WatchedFileIntake> logger)
{
    /// <summary>Takes every file of <paramref name="settled"/> that no node has recorded yet.</summary>
    public async Task TakeNewAsync(WatchFolder folder, IReadOnlyList<FileInfo> settled, CancellationToken cancellationToken)
    {
        if (settled.Count == 0)
        {
            return;
        }

        var names = settled.Select(f => f.Name).ToList();
        HashSet<(string, long, long)> recorded;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            recorded = [.. (await db.WatchedFiles.AsNoTracking()
                .Where(w => w.FolderPath == folder.Path && names.Contains(w.FileName))
                .Select(w => new { w.FileName, w.SizeBytes, w.LastWriteTicks })
                .ToListAsync(cancellationToken)).Select(w => (w.FileName, w.SizeBytes, w.LastWriteTicks))];
        }

        foreach (var file in settled.Where(f => f.Name.Length <= WatchedFileRecord.MaxFileNameLength && !recorded.Contains((f.Name, f.Length, f.LastWriteTimeUtc.Ticks))))
        {
            if (await ClaimAsync(folder, file, cancellationToken) is { } claim)
            {
                await SubmitAsync(folder, file, claim, cancellationToken);
            }
        }
    }

    private async Task<WatchedFileRecord?> ClaimAsync(WatchFolder folder, FileInfo file, CancellationToken cancellationToken)
    {
        var (name, size, lastWrite, claimedAt) = (file.Name, file.Length, file.LastWriteTimeUtc.Ticks, clock.GetUtcNow().UtcTicks);
        var state = nameof(WatchedFileState.Claimed);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // Losing the race to another node is normal, not an error to log: the insert just does nothing (SQLite and PostgreSQL alike).
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "WatchedFiles" ("FolderPath", "FileName", "SizeBytes", "LastWriteTicks", "State", "UpdatedAt")
            VALUES ({folder.Path}, {name}, {size}, {lastWrite}, {state}, {claimedAt}) ON CONFLICT DO NOTHING
            """, cancellationToken);
        return inserted == 0 ? null : await db.WatchedFiles.AsNoTracking().SingleAsync(w =>
            w.FolderPath == folder.Path && w.FileName == name && w.SizeBytes == size && w.LastWriteTicks == lastWrite, cancellationToken);
    }

    private async Task SubmitAsync(WatchFolder folder, FileInfo file, WatchedFileRecord claim, CancellationToken cancellationToken)
    {
        var staged = files.NewStagingPath();
        string? jobId = null;
        try
        {
            var (owner, options) = await owners.ResolveAsync(folder, cancellationToken);
            // A copy, not the file: the source stays in the folder until its job is done (the done action), and a file a
            // user replaces meanwhile is a new version, converted on its own.
            File.Copy(file.FullName, staged);
            var jobs = await submission.CreateAsync([(staged, file.Name)], options, null, owner, cancellationToken, recordAlongside: (db, created) =>
            {
                jobId = created[0].PublicId;
                db.WatchedFiles.Attach(claim);
                claim.State = WatchedFileState.Queued;
                claim.JobId = jobId;
                claim.UpdatedAt = clock.GetUtcNow();
            });
            FileQueued(file.Name, folder.Path, jobs[0].PublicId, (jobs[0].CreatedAt - new DateTimeOffset(claim.LastWriteTicks, TimeSpan.Zero)).TotalSeconds);
        }
        catch (InsufficientStorageException e)
        {
            // Not the file's fault: it is taken again once there is room.
            await ReleaseAsync(claim);
            NoRoomYet(file.Name, e.Message);
        }
        catch (ApiProblemException e) when (e.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // The store is down: not the file's fault either, it is taken again at a later scan.
            await ReleaseAsync(claim);
            WaitsForStore(file.Name, e.Message);
        }
        catch (ExpectedErrorException e)
        {
            await outcomes.FailAsync(folder, claim, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The claim was judged abandoned and another node took the file over; its job is not saved.
            if (jobId is not null)
            {
                await storage.DeleteSourceAsync(jobId, CancellationToken.None);
            }

            ClaimLost(file.Name, folder.Path);
        }
        catch (IOException e)
        {
            // The file went away (or could not be read) while it was taken; a file that is still there is taken again.
            await ReleaseAsync(claim);
            NotReadable(file.Name, folder.Path, e.Message);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    private async Task ReleaseAsync(WatchedFileRecord claim)
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        await db.WatchedFiles.Where(w => w.Id == claim.Id && w.State == WatchedFileState.Claimed).ExecuteDeleteAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch folder: {FileName} in {Folder} queued as job {JobId}, {Seconds:0.00} s after its last write")]
    private partial void FileQueued(string fileName, string folder, string jobId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch folder: {FileName} waits for the storage to answer: {Reason}")]
    private partial void WaitsForStore(string fileName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch folder: {FileName} waits for disk space: {Reason}")]
    private partial void NoRoomYet(string fileName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch folder: {FileName} in {Folder} was taken over by another node")]
    private partial void ClaimLost(string fileName, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch folder: {FileName} in {Folder} could not be read: {Reason}")]
    private partial void NotReadable(string fileName, string folder, string reason);
}
