using VidStudio.Core.Media;

namespace VidStudio.Core.Output.HtmlPlayer;

/// <summary>
/// The source's first audio track re-encoded to Opus in WebM (every current browser plays it from a data URL), by an
/// ffmpeg that runs beside the frame loop so the player's audio is ready when its frames are.
/// </summary>
internal sealed class AudioTrackExtractor : IDisposable
{
    /// <summary>Speech and music stay clear at this rate; a minute costs ~0.7 MB in the page.</summary>
    private const string Bitrate = "96k";

    private readonly FfmpegProcess _process;

    private AudioTrackExtractor(FfmpegProcess process, string path) => (_process, Path) = (process, path);

    /// <summary>Where the audio is written; the caller deletes it once embedded.</summary>
    public string Path { get; }

    public const string MimeType = "audio/webm";

    public static AudioTrackExtractor Start(FfmpegTools tools, string source, string path, CancellationToken cancellationToken)
    {
        List<string> arguments =
        [
            "-nostdin", "-hide_banner", "-v", "error", "-y",
            .. FfmpegTools.UntrustedInput(source),
            "-map", "0:a:0", "-vn", "-sn", "-dn",
            "-c:a", "libopus", "-b:a", Bitrate,
            "-f", "webm", path,
        ];
        return new AudioTrackExtractor(FfmpegProcess.Start(tools.Ffmpeg, arguments, cancellationToken), path);
    }

    /// <summary>Waits for ffmpeg; a failure is the job's, with what ffmpeg said.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var exitCode = await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw _process.Failure("Extracting the audio for the HTML player", exitCode);
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        File.Delete(Path);
    }
}
