namespace VidStudio.Core.Media;

/// <summary>The configured ffmpeg or ffprobe executable could not be started.</summary>
public sealed class FfmpegNotFoundException(string executable, Exception? inner = null)
    : ExpectedErrorException($"'{executable}' could not be started. Install ffmpeg (Debian: apt-get install ffmpeg) or set the path to it.", inner);
