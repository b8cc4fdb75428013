using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace VidStudio.Web.Data;

/// <summary>
/// A job's life in one place: it waits (<see cref="JobStatus.Pending"/>), runs (<see cref="JobStatus.Processing"/>,
/// again after a restart) and ends once (completed, failed or cancelled). Every change of status is one guarded update,
/// <see cref="TryMoveAsync"/>, that only moves a job still in one of the statuses it may leave: of two writers racing
/// (a cancel and the job's own end, two nodes) the first wins and the other learns it lost, as in Hangfire's own
/// state changes.
/// </summary>
public static class JobStates
{
    /// <summary>Statuses from which a job may still start, run, or be cancelled.</summary>
    public static readonly JobStatus[] UnfinishedStatuses = [JobStatus.Pending, JobStatus.Processing];

    /// <summary>Only a running job records progress or its result.</summary>
    public static readonly JobStatus[] Running = [JobStatus.Processing];

    // Written out with constants rather than as a Contains over a parameter, so the (Status, FinishedAt) index serves them.
    private static readonly Expression<Func<JobRecord, bool>> IsUnfinished = j => j.Status == JobStatus.Pending || j.Status == JobStatus.Processing;
    private static readonly Expression<Func<JobRecord, bool>> IsFinishedRecord = j => j.Status == JobStatus.Completed || j.Status == JobStatus.Failed || j.Status == JobStatus.Cancelled;

    public static bool IsFinished(this JobStatus status) => !UnfinishedStatuses.Contains(status);

    /// <summary>Jobs waiting or running, as one condition the database evaluates.</summary>
    public static IQueryable<JobRecord> Unfinished(this IQueryable<JobRecord> jobs) => jobs.Where(IsUnfinished);

    /// <summary>Jobs that have ended, whichever way.</summary>
    public static IQueryable<JobRecord> Finished(this IQueryable<JobRecord> jobs) => jobs.Where(IsFinishedRecord);

    /// <summary>
    /// Moves job <paramref name="publicId"/> to <paramref name="to"/>, with <paramref name="alongside"/>'s columns in
    /// the same update, only while it is in one of <paramref name="from"/>; false when it was not (another writer moved
    /// or deleted it first).
    /// </summary>
    public static Task<bool> TryMoveAsync(this DbSet<JobRecord> jobs, string publicId, JobStatus[] from, JobStatus to,
        Action<UpdateSettersBuilder<JobRecord>> alongside, CancellationToken cancellationToken = default) =>
        jobs.TryUpdateAsync(publicId, from, s =>
        {
            s.SetProperty(j => j.Status, to);
            alongside(s);
        }, cancellationToken);

    /// <summary>Updates job <paramref name="publicId"/> without moving it, only while it is in one of <paramref name="from"/>.</summary>
    public static async Task<bool> TryUpdateAsync(this DbSet<JobRecord> jobs, string publicId, JobStatus[] from,
        Action<UpdateSettersBuilder<JobRecord>> setters, CancellationToken cancellationToken = default) =>
        await jobs.Where(j => j.PublicId == publicId && from.Contains(j.Status)).ExecuteUpdateAsync(setters, cancellationToken) > 0;
}
