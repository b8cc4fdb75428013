using Microsoft.EntityFrameworkCore;
using VidStudio.Web.Auth;
using VidStudio.Web.Data;

namespace VidStudio.Web.Jobs;

/// <summary>
/// Jobs as a caller may see them: an admin sees every job, a member only their own. Another user's job is treated as
/// one that does not exist (404, not 403: ids are not confirmed to strangers).
/// </summary>
public sealed class JobQueries(IDbContextFactory<VidStudioDbContext> databases)
{
    /// <summary>The job, if <paramref name="caller"/> may see it.</summary>
    public async Task<JobRecord?> GetAsync(string publicId, Caller caller, CancellationToken cancellationToken = default)
    {
        if (!JobFiles.IsValidId(publicId))
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await VisibleTo(db.Jobs, caller).AsNoTracking().Include(j => j.Artifacts).SingleOrDefaultAsync(j => j.PublicId == publicId, cancellationToken);
    }

    /// <summary>
    /// The job's webhook deliveries with their attempts, oldest first; empty when <paramref name="caller"/> may not see
    /// the job. Deliveries to configured endpoints are the administrator's (their URLs may hold tokens): admins only.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDeliveryRecord>> GetWebhookDeliveriesAsync(string publicId, Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var jobIds = VisibleTo(db.Jobs, caller).Where(j => j.PublicId == publicId).Select(j => (long?)j.Id);
        var seesConfigured = caller.IsAdmin;
        return await db.WebhookDeliveries.AsNoTracking().Include(d => d.Attempts.OrderBy(a => a.Number))
            .Where(d => jobIds.Contains(d.JobId) && (d.FromCallback || seesConfigured)).OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<JobRecord>> GetBatchAsync(string batchId, Caller caller, CancellationToken cancellationToken = default)
    {
        if (!JobFiles.IsValidId(batchId))
        {
            return [];
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await VisibleTo(db.Jobs, caller).AsNoTracking().Include(j => j.Artifacts).Where(j => j.BatchId == batchId).OrderBy(j => j.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One page of the jobs <paramref name="caller"/> may see, newest first. Their artifact lists (a row per frame) are
    /// loaded only <paramref name="withArtifacts"/>: the API's list shows each job's downloads as its status does, the
    /// Studio's list, refreshed with every progress step, shows none.
    /// </summary>
    public async Task<(IReadOnlyList<JobRecord> Jobs, int Total)> ListAsync(int page, int pageSize, Caller caller, bool withArtifacts, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var visible = VisibleTo(db.Jobs, caller);
        var total = await visible.CountAsync(cancellationToken);
        var ordered = visible.AsNoTracking().OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id);
        var jobs = await (withArtifacts ? ordered.Include(j => j.Artifacts).AsSplitQuery() : ordered)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (jobs, total);
    }

    public async Task<int> CountActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.Unfinished().CountAsync(cancellationToken);
    }

    private static IQueryable<JobRecord> VisibleTo(IQueryable<JobRecord> jobs, Caller caller) =>
        caller.IsAdmin ? jobs : jobs.Where(j => j.OwnerId == caller.UserId);
}
