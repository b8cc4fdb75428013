using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.WatchFolders;

/// <summary>
/// Lists every watch folder each <see cref="VidStudioSettings.WatchFolderPollInterval"/> (polling, because file system
/// events are not delivered on many network mounts), takes files that have settled and delivers those whose jobs ended.
/// Every node with watch folders runs it; the database decides which node takes a file.
/// </summary>
public sealed partial class WatchFolderService(
    IOptions<VidStudioSettings> settings,
    SettledFiles settledFiles,
    WatchedFileIntake intake,
    WatchedFileOutcomes outcomes,
    TimeProvider clock,
    ILogger<WatchFolderService> logger) : BackgroundService
{
    /// <summary>On a shared database, how long another node's unfinished claim or delivery is left to it before it counts as abandoned.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folders = WatchFolder.From(settings.Value);
        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder.OutputPath);
            Watching(folder.Path, folder.OutputPath, folder.Preset ?? "(defaults)", folder.DoneAction, folder.Owner ?? "(first admin)");
        }

        using var timer = new PeriodicTimer(settings.Value.WatchFolderPollInterval, clock);
        do
        {
            try
            {
                await PollAsync(folders, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A folder that is briefly unreachable (a mount going away) or a busy database: the next listing tries again.
                PollFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PollAsync(IReadOnlyList<WatchFolder> folders, CancellationToken cancellationToken)
    {
        // SQLite has one process: whatever was unfinished before it started was left by a previous run that died.
        var abandonedBefore = settings.Value.Database.Provider == DatabaseProvider.Postgres ? clock.GetUtcNow() - AbandonedAfter : _startedAt;
        await outcomes.ReclaimAbandonedAsync(abandonedBefore, cancellationToken);
        foreach (var folder in folders)
        {
            await intake.TakeNewAsync(folder, settledFiles.List(folder), cancellationToken);
        }

        await outcomes.DeliverFinishedAsync(folders, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder}: outputs to {Output}, preset {Preset}, done action {DoneAction}, owner {Owner}")]
    private partial void Watching(string folder, string output, string preset, DoneAction doneAction, string owner);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watch folders: a listing failed; the next one tries again")]
    private partial void PollFailed(Exception exception);
}
