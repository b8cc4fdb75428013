using System.Diagnostics;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;
using VidStudio.Web.Jobs;

namespace VidStudio.Web.Webhooks;

/// <summary>
/// The Hangfire job that makes one attempt of one delivery. Any 2xx delivers it; anything else (another status, a
/// timeout, a refused or unreachable address) is recorded and the next attempt scheduled in Hangfire after an
/// exponentially growing delay (<see cref="WebhookSettings.RetryDelay"/> doubled per attempt), until
/// <see cref="WebhookSettings.MaxAttempts"/>. Scheduled attempts are stored by Hangfire, so they survive a restart.
/// </summary>
public sealed class WebhookSender(
    IDbContextFactory<VidStudioDbContext> databases,
    WebhookClients clients,
    IBackgroundJobClient hangfire,
    JobNotifier notifier,
    IOptions<VidStudioSettings> settings,
    TimeProvider clock,
    ILogger<WebhookSender> logger)
{
    public const string Queue = "webhooks";
    public const string EventHeader = "X-VidStudio-Event", DeliveryHeader = "X-VidStudio-Delivery";

    // The retry policy is this job's own (scheduled attempts with their own numbers), not Hangfire's.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Webhook delivery {0}, attempt {1}")]
    public async Task SendAsync(long deliveryId, int attempt, CancellationToken shutdown)
    {
        WebhookDeliveryRecord? delivery;
        await using (var db = await databases.CreateDbContextAsync(shutdown))
        {
            delivery = await db.WebhookDeliveries.AsNoTracking().Include(d => d.Attempts).SingleOrDefaultAsync(d => d.Id == deliveryId, shutdown);
        }

        // Gone with its job, already settled, or this attempt already made (Hangfire ran a copy twice).
        if (delivery is null || delivery.State != WebhookDeliveryState.Pending || delivery.Attempts.Any(a => a.Number >= attempt))
        {
            return;
        }

        var attemptedAt = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var (status, error) = await PostAsync(delivery, shutdown);
        var record = new WebhookAttemptRecord
        {
            DeliveryId = deliveryId,
            Number = attempt,
            AttemptedAt = attemptedAt,
            StatusCode = status,
            Error = error,
            DurationMilliseconds = Math.Round(watch.Elapsed.TotalMilliseconds, 1),
        };
        var webhooks = settings.Value.Webhooks;
        var state = error is null ? WebhookDeliveryState.Delivered : attempt >= webhooks.MaxAttempts ? WebhookDeliveryState.GaveUp : WebhookDeliveryState.Pending;
        string? jobPublicId;
        await using (var db = await databases.CreateDbContextAsync(CancellationToken.None))
        {
            db.Add(record);
            await db.SaveChangesAsync(CancellationToken.None);
            await db.WebhookDeliveries.Where(d => d.Id == deliveryId).ExecuteUpdateAsync(s => s.SetProperty(d => d.State, state), CancellationToken.None);
            jobPublicId = await db.Jobs.Where(j => j.Id == delivery.JobId).Select(j => j.PublicId).SingleOrDefaultAsync(CancellationToken.None);
        }

        // The job page lists the attempts.
        if (jobPublicId is not null)
        {
            notifier.Changed(jobPublicId);
        }

        if (state == WebhookDeliveryState.Pending)
        {
            var delay = webhooks.RetryDelay * Math.Pow(2, attempt - 1);
            hangfire.Schedule<WebhookSender>(Queue, s => s.SendAsync(deliveryId, attempt + 1, CancellationToken.None), delay);
            logger.LogWarning("Webhook delivery {DeliveryId} to {Url} failed (attempt {Attempt}: {Error}); next attempt in {Delay}", deliveryId, delivery.Url, attempt, error, delay);
        }
        else
        {
            logger.LogInformation("Webhook delivery {DeliveryId} to {Url}: {State} after {Attempt} attempt(s)", deliveryId, delivery.Url, state, attempt);
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookDeliveryRecord delivery, CancellationToken shutdown)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.Header, delivery.Signature);
        request.Headers.Add(EventHeader, delivery.Event);
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var response = await clients.For(delivery.FromCallback).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, shutdown);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? (status, null)
                : (status, status is >= 300 and < 400 ? $"HTTP {status}: redirects are not followed" : $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!shutdown.IsCancellationRequested)
        {
            return (null, $"no answer within {settings.Value.Webhooks.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return (null, e.InnerException is { } inner && e.Message.StartsWith("An error occurred", StringComparison.Ordinal) ? inner.Message : e.Message);
        }
    }
}
