using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Web.Api;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;

namespace VidStudio.Web.Webhooks;

/// <summary>
/// When a job completes, fails or is cancelled: one delivery per endpoint (the job's <c>callback_url</c>, then each
/// configured one) with the job's status record as its body, signed, recorded in the job table and queued in Hangfire.
/// Runs once per job: a second call finds the deliveries already there.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<VidStudioDbContext> databases,
    IBackgroundJobClient hangfire,
    IOptions<VidStudioSettings> settings,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger)
{
    /// <summary>Queues the finished job's notifications; never throws (a notification must not fail the job it reports).</summary>
    public async Task JobFinishedAsync(string publicId)
    {
        try
        {
            await DispatchAsync(publicId);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId}: its webhooks could not be queued", publicId);
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
                deliveries.Add(Delivery(job.CallbackUrl, job.CallbackSecret!, fromCallback: true));
            }

            deliveries.AddRange(endpoints.Select(e => Delivery(e.Url, e.Secret, fromCallback: false)));
            db.WebhookDeliveries.AddRange(deliveries);
            await db.SaveChangesAsync();
        }

        foreach (var delivery in deliveries)
        {
            hangfire.Enqueue<WebhookSender>(WebhookSender.Queue, s => s.SendAsync(delivery.Id, 1, CancellationToken.None));
        }
    }
}
