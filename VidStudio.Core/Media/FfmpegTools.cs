namespace VidStudio.Core.Media;

/// <summary>Where the ffmpeg and ffprobe executables are; plain names are looked up on PATH.</summary>
public sealed record FfmpegTools(string Ffmpeg = "ffmpeg", string Ffprobe = "ffprobe")
{
    /// <summary>
    /// The demuxers an uploaded file may be opened with: containers that hold their own pictures, and single-image
    /// pipes (so a still image is recognised and explained). Everything that opens other files or URLs — HLS and DASH
    /// playlists, ffconcat, image sequences, tee — is missing, so a 200-byte "#EXTM3U" file that names another video on
    /// the server cannot make ffmpeg read it, whatever the upload is called.
    /// </summary>
    public const string AllowedDemuxers =
        "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,flv,mpegts,gif,asf,mpeg,mpegvideo,ogg,m4v,h264,hevc,obu,ivf,nut,mxf,dv,rm,yuv4mpegpipe,"
        + "png_pipe,jpeg_pipe,webp_pipe,bmp_pipe,tiff_pipe";

    /// <summary>
    /// Paths are handed to ffmpeg as absolute paths because a relative name such as <c>-video.mp4</c> would be read as an option.
    /// </summary>
    public static string SafeInputPath(string path) => Path.GetFullPath(path);

    /// <summary>
    /// The arguments that open a user's file as an input of ffmpeg or ffprobe: only the local file protocol and only
    /// <see cref="AllowedDemuxers"/>, then the absolute path (after <c>-i</c> when <paramref name="withInputFlag"/>).
    /// </summary>
    public static string[] UntrustedInput(string path, bool withInputFlag = true)
    {
        string[] restrictions = ["-protocol_whitelist", "file", "-format_whitelist", AllowedDemuxers];
        return withInputFlag ? [.. restrictions, "-i", SafeInputPath(path)] : [.. restrictions, SafeInputPath(path)];
    }

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
