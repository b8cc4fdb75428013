using VidStudio.Core.Media;
using VidStudio.Core.Rendering;

namespace VidStudio.Core.Output;

/// <summary>
/// Write stage for video: raw yuv420p frames piped into ffmpeg's libx264, muxed with the source's audio.
/// The file is written under a partial name and only renamed to <c>video.mp4</c> by <see cref="CompleteAsync"/>.
/// AAC audio is copied as it is (no generation loss, and re-encoding it cost ~1 ms of CPU per video frame that x264
/// needs); any other codec is encoded to AAC, which every player takes in MP4.
/// </summary>
public sealed class Mp4Encoder : IDisposable
{
    private readonly FfmpegProcess _process;
    private readonly string _partialPath;
    private readonly string _finalPath;

    private Mp4Encoder(FfmpegProcess process, string partialPath, string finalPath)
    {
        _process = process;
        _partialPath = partialPath;
        _finalPath = finalPath;
    }

    public static Mp4Encoder Start(FfmpegTools tools, EncoderSettings settings, GridGeometry geometry, FrameRate rate, AudioSource? audio, string outputPath, CancellationToken cancellationToken)
    {
        var partialPath = outputPath + ArtifactNames.PartialSuffix;
        var arguments = new List<string>
        {
            "-nostdin", "-hide_banner", "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{geometry.EncodeWidth}x{geometry.EncodeHeight}",
            "-framerate", rate.ToString(), "-i", "pipe:0",
        };
        if (audio is not null)
        {
            arguments.AddRange(["-i", FfmpegTools.SafeInputPath(audio.Path), "-map", "0:v:0", "-map", "1:a:0"]);
            arguments.AddRange(audio.Codec == "aac" ? ["-c:a", "copy"] : ["-c:a", "aac", "-b:a", "160k"]);
        }

        arguments.AddRange(
        [
            "-c:v", "libx264", "-preset", settings.Preset, "-crf", settings.Crf.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
            "-movflags", "+faststart", "-f", "mp4", partialPath,
        ]);
        return new Mp4Encoder(FfmpegProcess.Start(tools.Ffmpeg, arguments, cancellationToken, redirectInput: true), partialPath, outputPath);
    }

    public ValueTask WriteFrameAsync(ReadOnlyMemory<byte> yuv420, CancellationToken cancellationToken) =>
        _process.StandardInput.WriteAsync(yuv420, cancellationToken);

    /// <summary>Ends the input, waits for ffmpeg and moves the finished file into place.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        _process.StandardInput.Close();
        var exitCode = await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new ConversionFailedException($"Encoding the MP4 failed (ffmpeg exit code {exitCode}): {_process.StderrTail}");
        }

        File.Move(_partialPath, _finalPath, overwrite: true);
    }

    public void Dispose()
    {
        _process.Dispose();
        if (File.Exists(_partialPath))
        {
            File.Delete(_partialPath);
        }
    }
}

/// <summary>The file whose first audio stream goes into the MP4, and that stream's codec as ffprobe names it.</summary>
public sealed record AudioSource(string Path, string Codec);

/// <summary>x264 settings: <paramref name="Preset"/> comes from configuration, <paramref name="Crf"/> from the job.</summary>
public sealed record EncoderSettings(string Preset, int Crf);
