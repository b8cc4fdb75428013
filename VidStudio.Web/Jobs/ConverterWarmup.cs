using System.Diagnostics;
using Microsoft.Extensions.Options;
using VidStudio.Core.Media;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Jobs;

/// <summary>
/// Runs one small conversion (a generated half second, the default look, PNG frames and MP4) in the background when a
/// node that converts starts, so its first jobs do not pay for the converter's first run: the JIT of the whole
/// pipeline, the first glyph atlas, ffmpeg's and ffprobe's first starts. Measured on the published server (2 s clips,
/// one job at a time): the first job took 1.06–1.19 s, the next ones 0.66–0.83 s. A failure only logs; the jobs then
/// say what is wrong (no ffmpeg, for one). Nodes may share a data folder, so each warms up in a folder of its own and
/// never lets a clean-up failure stop the host (an exception leaving a background service stops it).
/// </summary>
public sealed partial class ConverterWarmup(VideoConverter converter, FfmpegTools tools, IOptions<VidStudioSettings> settings, ILogger<ConverterWarmup> logger)
    : BackgroundService
{
    private readonly string _parent = Path.Combine(settings.Value.DataPath, "warmup");

    private readonly string _folder = Path.Combine(settings.Value.DataPath, "warmup", Guid.NewGuid().ToString("N"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var clock = Stopwatch.StartNew();
        long? warmedUpIn = null;
        try
        {
            Directory.CreateDirectory(_folder);
            var clip = Path.Combine(_folder, "clip.mp4");
            using (var generator = FfmpegProcess.Start(tools.Ffmpeg,
                ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=0.5", "-f", "lavfi", "-i", "sine=duration=0.5",
                 "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip], stoppingToken))
            {
                if (await generator.WaitForExitAsync(stoppingToken) is var exitCode and not 0)
                {
                    throw generator.Failure("Generating the warm-up clip", exitCode);
                }
            }

            await converter.ConvertAsync(clip, Path.Combine(_folder, "output"), new ConversionOptions(), cancellationToken: stoppingToken);
            warmedUpIn = clock.ElapsedMilliseconds;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            WarmupFailed(e.Message);
        }
        finally
        {
            RemoveFolder();
        }

        // Said once its files are gone, so whoever waits for this line finds nothing of it on disk.
        if (warmedUpIn is { } milliseconds)
        {
            WarmedUp(milliseconds);
        }
    }

    private void RemoveFolder()
    {
        try
        {
            JobFiles.DeleteDirectory(_folder);
            // The parent goes with the last node's warm-up; one still warming up beside this keeps it.
            Directory.Delete(_parent);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Converter warmed up in {Milliseconds} ms")]
    private partial void WarmedUp(long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The converter could not be warmed up: {Reason}")]
    private partial void WarmupFailed(string reason);
}
