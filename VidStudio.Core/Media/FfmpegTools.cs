namespace VidStudio.Core.Media;

/// <summary>Where the ffmpeg and ffprobe executables are; plain names are looked up on PATH.</summary>
public sealed record FfmpegTools(string Ffmpeg = "ffmpeg", string Ffprobe = "ffprobe")
{
    /// <summary>
    /// Paths are handed to ffmpeg as absolute paths because a relative name such as <c>-video.mp4</c> would be read as an option.
    /// </summary>
    public static string SafeInputPath(string path) => Path.GetFullPath(path);

    /// <summary>Runs <c>ffmpeg -version</c>; returns its first line, or null when ffmpeg cannot be run.</summary>
    public async Task<string?> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var process = FfmpegProcess.Start(Ffmpeg, ["-hide_banner", "-version"], cancellationToken);
            var firstLine = await new StreamReader(process.StandardOutput).ReadLineAsync(cancellationToken).ConfigureAwait(false);
            return await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false) == 0 ? firstLine : null;
        }
        catch (FfmpegNotFoundException)
        {
            return null;
        }
    }
}
