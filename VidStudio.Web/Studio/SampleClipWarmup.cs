namespace VidStudio.Web.Studio;

/// <summary>
/// Generates the Studio's sample clip and probes it in the background at start-up, so the first visitor sees a preview
/// at once. A failure (no ffmpeg) only means the Studio shows the reason when the sample is asked for.
/// </summary>
public sealed partial class SampleClipWarmup(StudioSources sources, ILogger<SampleClipWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var sample = await sources.GetSampleAsync(stoppingToken);
            SampleClipReady(sample.Path);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SampleClipFailed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Studio sample clip ready: {Path}")]
    private partial void SampleClipReady(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Studio sample clip could not be prepared: {Reason}")]
    private partial void SampleClipFailed(string reason);
}
