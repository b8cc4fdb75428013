using Hangfire;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Maintenance;

/// <summary>
/// Registers <see cref="CleanupJob"/> as a recurring Hangfire job every CleanupInterval (rounded to whole minutes or
/// hours, as cron has them), and the webhook sweep every minute.
/// </summary>
public sealed class CleanupSchedule(IRecurringJobManager recurring, IOptions<VidStudioSettings> settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var minutes = Math.Max(1, (int)settings.Value.CleanupInterval.TotalMinutes);
        recurring.AddOrUpdate<CleanupJob>(CleanupJob.Id, CleanupJob.Queue, job => job.RunAsync(CancellationToken.None),
            minutes < 60 ? Cron.MinuteInterval(minutes) : Cron.HourInterval(Math.Max(1, minutes / 60)));
        recurring.AddOrUpdate<WebhookSweepJob>(WebhookSweepJob.Id, CleanupJob.Queue, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
