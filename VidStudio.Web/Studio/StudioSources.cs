using Microsoft.Extensions.Options;
using VidStudio.Core.Media;
using VidStudio.Core.Preview;
using VidStudio.Web.Configuration;
using VidStudio.Web.Jobs;

namespace VidStudio.Web.Studio;

/// <summary>
/// Videos opened in the Studio. Uploads are kept under <c>DataDirectory/studio</c> (one folder each, stored as
/// <c>source</c> plus a sanitised extension) until CleanupAfter; converting copies them, so one source can be
/// converted many times. The sample clip is generated once with ffmpeg so a visitor can try the Studio at once.
/// </summary>
public sealed class StudioSources(FramePreviewer previewer, FfmpegTools tools, JobFiles files, IOptions<VidStudioSettings> settings, TimeProvider clock)
{
    private readonly string _root = Path.Combine(settings.Value.DataPath, "studio");
    private readonly SemaphoreSlim _sampleLock = new(1, 1);

    public long MaxFileSize => settings.Value.MaxFileSize;

    public string SamplePath => Path.Combine(settings.Value.DataPath, "sample", "sample.mp4");

    /// <summary>Stores an upload and probes it; a file that is not a video throws <see cref="VideoInputException"/> and is deleted.</summary>
    public async Task<StudioSource> AddUploadAsync(Stream content, string originalName, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var folder = Path.Combine(_root, id);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "source" + JobFiles.SafeExtensionOf(originalName));
        try
        {
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(target, 81920, cancellationToken);
            }

            return new StudioSource(path, JobFiles.DisplayName(originalName), await previewer.ProbeAsync(path, cancellationToken), id);
        }
        catch
        {
            JobFiles.DeleteDirectory(folder);
            throw;
        }
    }

    /// <summary>An upload stored by <see cref="AddUploadAsync"/>, by its id (probing again is served from the previewer's cache).</summary>
    public async Task<StudioSource> OpenUploadAsync(string id, string originalName, CancellationToken cancellationToken)
    {
        // The id names a folder: only the exact form AddUploadAsync creates is accepted, so it cannot point elsewhere.
        var source = Guid.TryParseExact(id, "N", out var guid) && guid.ToString("N") == id && Directory.Exists(Path.Combine(_root, id))
            ? Directory.EnumerateFiles(Path.Combine(_root, id), "source*").FirstOrDefault()
            : null;
        if (source is null)
        {
            throw new VideoInputException(VideoInputError.NotFound, "The upload is no longer available; please upload the video again.");
        }

        return new StudioSource(source, JobFiles.DisplayName(originalName), await previewer.ProbeAsync(source, cancellationToken), id);
    }

    /// <summary>The built-in sample: 6 s of ffmpeg's test pattern with a tone, generated on first use.</summary>
    public async Task<StudioSource> GetSampleAsync(CancellationToken cancellationToken = default)
    {
        await _sampleLock.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(SamplePath))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(SamplePath)!);
                var partial = SamplePath + ".part.mp4";
                using (var process = FfmpegProcess.Start(tools.Ffmpeg,
                    ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=960x540:r=25:d=6", "-f", "lavfi", "-i", "sine=frequency=330:duration=6",
                     "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", partial], cancellationToken))
                {
                    if (await process.WaitForExitAsync(cancellationToken) != 0)
                    {
                        throw new ConversionFailedException($"The sample clip could not be generated: {process.StderrTail}");
                    }
                }

                File.Move(partial, SamplePath, overwrite: true);
            }
        }
        finally
        {
            _sampleLock.Release();
        }

        return new StudioSource(SamplePath, "sample.mp4", await previewer.ProbeAsync(SamplePath, cancellationToken));
    }

    /// <summary>A copy of the source in the upload staging folder, for <see cref="JobSubmission.CreateAsync"/> to take over.</summary>
    public string StageCopy(StudioSource source)
    {
        var staged = files.NewStagingPath();
        File.Copy(source.Path, staged);
        return staged;
    }

    /// <summary>Deletes Studio uploads older than CleanupAfter.</summary>
    public int Cleanup()
    {
        if (!Directory.Exists(_root))
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow() - settings.Value.CleanupAfter;
        var expired = Directory.EnumerateDirectories(_root).Where(d => Directory.GetLastWriteTimeUtc(d) < cutoff.UtcDateTime).ToList();
        expired.ForEach(JobFiles.DeleteDirectory);
        return expired.Count;
    }
}
