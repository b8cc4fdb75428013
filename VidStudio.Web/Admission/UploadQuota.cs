using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;

namespace VidStudio.Web.Admission;

/// <summary>
/// Uploads that start work (REST convert and batch, the WebSocket, the Studio's upload and its Convert button) draw
/// on one budget per API key, user or client address: <c>RateLimit:UploadPermitLimit</c> per fixed window. The count
/// lives in the database (<see cref="UploadWindowRecord"/>), one atomic upsert per upload, so the API and the Studio
/// share it and so do all web nodes on one PostgreSQL database.
/// </summary>
public sealed class UploadQuota(IDbContextFactory<VidStudioDbContext> databases, IOptions<VidStudioSettings> options, TimeProvider clock)
{
    /// <summary>Takes one upload from the request's partition, or throws <see cref="ApiProblemException"/> 429.</summary>
    public Task TakeAsync(HttpContext context) =>
        TakeAsync(Caller.RateLimitPartition(context.User, context.Connection.RemoteIpAddress), context.RequestAborted);

    public async Task TakeAsync(string partition, CancellationToken cancellationToken)
    {
        var settings = options.Value.RateLimit;
        if (!settings.Enabled)
        {
            return;
        }

        var window = (long)settings.Window.TotalMilliseconds;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var start = now - now % window;
        var key = partition.Length <= UploadWindowRecord.MaxPartitionLength ? partition : partition[..UploadWindowRecord.MaxPartitionLength];
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // Counts up only while under the limit: no row comes back once the window's budget is spent. The same SQL
        // runs on SQLite (3.35+) and PostgreSQL.
        var taken = await db.Database.SqlQuery<int>($"""
            INSERT INTO "UploadWindows" ("Partition", "WindowStart", "Count") VALUES ({key}, {start}, 1)
            ON CONFLICT ("Partition", "WindowStart") DO UPDATE SET "Count" = "UploadWindows"."Count" + 1
            WHERE "UploadWindows"."Count" < {settings.UploadPermitLimit}
            RETURNING "Count" AS "Value"
            """).ToListAsync(cancellationToken);
        if (taken.Count == 0)
        {
            throw new ApiProblemException(StatusCodes.Status429TooManyRequests, "Too many uploads",
                "This client started more conversions than the upload rate limit allows (setting VidStudio:RateLimit:UploadPermitLimit); try again shortly.")
            {
                RetryAfter = TimeSpan.FromMilliseconds(start + window - now),
            };
        }
    }

    /// <summary>Deletes the counts of windows that have ended (the cleanup job calls it).</summary>
    public async Task<int> ForgetEndedWindowsAsync(CancellationToken cancellationToken)
    {
        var ended = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)options.Value.RateLimit.Window.TotalMilliseconds;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.UploadWindows.Where(w => w.WindowStart < ended).ExecuteDeleteAsync(cancellationToken);
    }
}
