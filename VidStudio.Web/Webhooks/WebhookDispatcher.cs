using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;
using VidStudio.Web.Events;
using VidStudio.Web.Contracts;

namespace VidStudio.Web.Webhooks;

/// <summary>
/// When a job completes, fails or is cancelled: one delivery per endpoint (the job's <c>callback_url</c>, then each
/// configured one) with the job's status record as its body, signed, recorded in the job table and queued in Hangfire.
/// Runs once per job: (job, endpoint) is unique, so a second call, from this node or another, adds nothing. The
/// <see cref="SweepAsync">sweep</see> picks up what a crash left between those steps.
/// </summary>
public sealed partial class WebhookDispatcher(
    IDbContextFactory<VidStudioDbContext> databases,
    IBackgroundJobClient hangfire,
    JobNotifier notifier,
    CallbackSecretProtector secrets,
    IOptions<VidStudioSettings> settings,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger)
{
    /// <summary>
    /// How long after a job's end its notifications may still be queued (by the sweep, or before the job is deleted): a
    /// job that ended long before an endpoint was configured is not announced to it.
    /// </summary>
    public static readonly TimeSpan LateDispatchWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// Queues the finished job's notifications unless they are queued already; never throws (a notification must not
    /// fail the job it reports). Called where a job ends, and before a finished job is deleted, so a delete that comes
    /// the moment the job's end is visible (a script following its events) cannot outrun it.
    /// </summary>
    public async Task JobFinishedAsync(string publicId)
    {
        try
        {
            await DispatchAsync(publicId);
        }
        catch (Exception e)
        {
            WebhooksNotQueued(e, publicId);
        }
    }

    private async Task DispatchAsync(string publicId)
    {
        var endpoints = settings.Value.Webhooks.Endpoints;
        List<WebhookDeliveryRecord> deliveries;
        await using (var db = await databases.CreateDbContextAsync())
        {
            var job = await db.Jobs.AsNoTracking().Include(j => j.Artifacts).SingleOrDefaultAsync(j => j.PublicId == publicId);
            if (job is null || !job.IsFinished || (job.CallbackUrl is null && endpoints.Length == 0)
                || job.FinishedAt < clock.GetUtcNow() - LateDispatchWindow
                || await db.WebhookDeliveries.AnyAsync(d => d.JobId == job.Id))
            {
                return;
            }

            var body = JsonSerializer.Serialize(JobResponse.From(job), ApiJson.Options);
            var eventName = "job." + JobResponse.StatusName(job.Status);
            var createdAt = clock.GetUtcNow();
            WebhookDeliveryRecord Delivery(string url, string secret, bool fromCallback) => new()
            {
                JobId = job.Id,
                Url = url,
                FromCallback = fromCallback,
                Event = eventName,
                Body = body,
                Signature = WebhookSignature.Sign(secret, body),
                State = WebhookDeliveryState.Pending,
                CreatedAt = createdAt,
            };

            deliveries = [];
            if (job.CallbackUrl is not null)
            {
                deliveries.Add(Delivery(job.CallbackUrl, secrets.Unprotect(job.CallbackSecret!), fromCallback: true));
            }

            deliveries.AddRange(endpoints.Select(e => Delivery(e.Url, e.Secret, fromCallback: false)));
            db.WebhookDeliveries.AddRange(deliveries);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // Another call got there first (a cancel racing the job's own end, or another node).
                return;
            }

            // Every delivery is signed now; the secret has no further use and is not kept.
            await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(u => u.SetProperty(j => j.CallbackSecret, (string?)null));
        }

        foreach (var delivery in deliveries)
        {
            hangfire.Enqueue<WebhookSender>(WebhookSender.Queue, s => s.SendAsync(delivery.Id, 1, CancellationToken.None));
        }

        notifier.Changed(publicId);
    }

    /// <summary>
    /// The recurring repair: jobs that finished a while ago without their deliveries (the process died in between) get
    /// them, and pending deliveries whose next attempt is long overdue (its Hangfire job was lost, or an attempt was cut
    /// off mid-call) get that attempt queued again. The claim on each attempt keeps this from ever calling twice.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var webhooks = settings.Value.Webhooks;
        var now = clock.GetUtcNow();
        var grace = webhooks.Timeout * 2 + TimeSpan.FromMinutes(1);
        List<string> undelivered;
        List<WebhookDeliveryRecord> pending;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var finishedAfter = now - LateDispatchWindow;
            var finishedBefore = now - grace;
            var anyConfigured = webhooks.Endpoints.Length > 0;
            undelivered = await db.Jobs.Finished()
                .Where(j => j.FinishedAt > finishedAfter && j.FinishedAt < finishedBefore
                    && (j.CallbackUrl != null || anyConfigured) && !j.WebhookDeliveries.Any())
                .Select(j => j.PublicId).ToListAsync(cancellationToken);
            pending = await db.WebhookDeliveries.AsNoTracking().Include(d => d.Attempts)
                .Where(d => d.State == WebhookDeliveryState.Pending).ToListAsync(cancellationToken);
        }

        foreach (var publicId in undelivered)
        {
            await DispatchAsync(publicId);
        }

        var requeued = 0;
        foreach (var delivery in pending)
        {
            var last = delivery.Attempts.MaxBy(a => a.Number);
            var due = last is null ? delivery.CreatedAt : last.AttemptedAt + WebhookSender.NextDelay(webhooks, last.Number);
            if (now - due < grace)
            {
                continue;
            }

            var next = (last?.Number ?? 0) + 1;
            if (next > webhooks.MaxAttempts)
            {
                // The last allowed attempt was cut off: the delivery ends there.
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.State == WebhookDeliveryState.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, WebhookDeliveryState.GaveUp), cancellationToken);
                continue;
            }

            hangfire.Enqueue<WebhookSender>(WebhookSender.Queue, s => s.SendAsync(delivery.Id, next, CancellationToken.None));
            requeued++;
        }

        if (undelivered.Count + requeued > 0)
        {
            SweepCaughtUp(undelivered.Count, requeued);
        }

        return undelivered.Count + requeued;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: its webhooks could not be queued")]
    private partial void WebhooksNotQueued(Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook sweep: dispatched {Jobs} finished job(s) without deliveries, re-queued {Deliveries} overdue attempt(s)")]
    private partial void SweepCaughtUp(int jobs, int deliveries);
}
