using System.Diagnostics;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;
using VidStudio.Web.Events;

namespace VidStudio.Web.Webhooks;

/// <summary>
/// The Hangfire job that makes one attempt of one delivery. Any 2xx delivers it; anything else (another status, a
/// timeout, a refused or unreachable address) is recorded and the next attempt scheduled in Hangfire after an
/// exponentially growing delay (<see cref="WebhookSettings.RetryDelay"/> doubled per attempt), until
/// <see cref="WebhookSettings.MaxAttempts"/>. Scheduled attempts are stored by Hangfire, so they survive a restart.
/// </summary>
public sealed partial class WebhookSender(
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

    // The retry policy of deliveries is this job's own (scheduled attempts with their own numbers). Hangfire's retries
    // only cover this job failing to run (the database briefly unavailable); a copy that finds its attempt claimed stops.
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [5, 30, 120], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Webhook delivery {0}, attempt {1}")]
    public async Task SendAsync(long deliveryId, int attempt, CancellationToken shutdown)
    {
        WebhookDeliveryRecord? delivery;
        var record = new WebhookAttemptRecord { DeliveryId = deliveryId, Number = attempt, AttemptedAt = clock.GetUtcNow() };
        await using (var db = await databases.CreateDbContextAsync(shutdown))
        {
            delivery = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId, shutdown);
            // Gone with its job, or already settled.
            if (delivery is null || delivery.State != WebhookDeliveryState.Pending)
            {
                return;
            }

            // Claim the attempt: (delivery, number) is unique, so when Hangfire hands one job to two workers, or the
            // sweep re-queues an attempt that is in fact running, exactly one of them makes the call.
            db.Add(record);
            try
            {
                await db.SaveChangesAsync(shutdown);
            }
            catch (DbUpdateException)
            {
                AttemptClaimedElsewhere(deliveryId, attempt);
                return;
            }
        }

        var watch = Stopwatch.StartNew();
        var (status, error) = await PostAsync(delivery, shutdown);
        var webhooks = settings.Value.Webhooks;
        var state = error is null ? WebhookDeliveryState.Delivered : attempt >= webhooks.MaxAttempts ? WebhookDeliveryState.GaveUp : WebhookDeliveryState.Pending;
        await using (var db = await databases.CreateDbContextAsync(CancellationToken.None))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await db.Set<WebhookAttemptRecord>().Where(a => a.Id == record.Id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.StatusCode, status)
                .SetProperty(a => a.Error, error)
                .SetProperty(a => a.DurationMilliseconds, Math.Round(watch.Elapsed.TotalMilliseconds, 1)), CancellationToken.None);
            // Only a pending delivery moves: a late copy can never undo "delivered".
            await db.WebhookDeliveries.Where(d => d.Id == deliveryId && d.State == WebhookDeliveryState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, state), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        if (state == WebhookDeliveryState.Pending)
        {
            var delay = NextDelay(webhooks, attempt);
            hangfire.Schedule<WebhookSender>(Queue, s => s.SendAsync(deliveryId, attempt + 1, CancellationToken.None), delay);
            WebhookAttemptFailed(deliveryId, HostOf(delivery.Url), attempt, error, delay);
        }
        else
        {
            DeliverySettled(deliveryId, HostOf(delivery.Url), state, attempt);
        }

        // The job page lists the attempts.
        if (delivery.JobId is { } jobId && await JobIdOfAsync(jobId) is { } jobPublicId)
        {
            notifier.Changed(jobPublicId);
        }
    }

    /// <summary>The wait after attempt <paramref name="attempt"/>: RetryDelay, doubled for each attempt before.</summary>
    public static TimeSpan NextDelay(WebhookSettings webhooks, int attempt) => webhooks.RetryDelay * Math.Pow(2, attempt - 1);

    // Endpoint URLs may carry tokens in their path or query; logs name the host only.
    private static string HostOf(string url) => new Uri(url).Authority;

    private async Task<string?> JobIdOfAsync(long jobId)
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        return await db.Jobs.Where(j => j.Id == jobId).Select(j => j.PublicId).SingleOrDefaultAsync();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId}: attempt {Attempt} is made by another worker")]
    private partial void AttemptClaimedElsewhere(long deliveryId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to {Host} failed (attempt {Attempt}: {Error}); next attempt in {Delay}")]
    private partial void WebhookAttemptFailed(long deliveryId, string host, int attempt, string? error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to {Host}: {State} after {Attempt} attempt(s)")]
    private partial void DeliverySettled(long deliveryId, string host, WebhookDeliveryState state, int attempt);
}
