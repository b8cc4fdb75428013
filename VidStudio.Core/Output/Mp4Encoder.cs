using VidStudio.Core.Frames;
using System.Text;
using VidStudio.Core.Media;

namespace VidStudio.Core.Output;

/// <summary>
/// Write stage for video: yuv420p frames piped into ffmpeg's libx264 as a y4m stream, muxed with the source's audio.
/// <list type="bullet">
/// <item>The stream header carries the frame size and rate, so ffmpeg can start (load its libraries, open the source
/// for its audio) while the source is still being probed, instead of after it: ~0.2 s off every job.</item>
/// <item>AAC and MP3 audio are copied as they are (no generation loss, and re-encoding cost ~1 ms of CPU per video
/// frame that x264 needs); other audio is encoded to AAC, which every player takes in MP4. A silent source simply has
/// no audio stream to map.</item>
/// <item>The file is written under a partial name and only renamed to <c>video.mp4</c> by <see cref="PipedEncoder.CompleteAsync"/>.</item>
/// </list>
/// </summary>
public sealed class Mp4Encoder : PipedEncoder
{
    /// <summary>Bytes in front of each frame's pixels in the stream: callers leave this much room before the picture.</summary>
    public const int FramePrefixLength = Y4mFormat.FrameMarkerLength;

    private Mp4Encoder(FfmpegProcess process, bool copiesAudio, string partialPath, string finalPath)
        : base(process, partialPath, finalPath, "the MP4")
    {
        CopiesAudio = copiesAudio;
    }

    /// <summary>Whether the source's audio is copied (right when it is AAC, MP3 or absent) rather than encoded to AAC.</summary>
    public bool CopiesAudio { get; }

    public static Mp4Encoder Start(FfmpegTools tools, EncoderSettings settings, string source, bool copyAudio, string outputPath, CancellationToken cancellationToken)
    {
        var partialPath = outputPath + ArtifactNames.PartialSuffix;
        List<string> arguments =
        [
            "-nostdin", "-hide_banner", "-v", "error", "-y",
            // The source comes first: ffmpeg opens inputs in order and blocks on the pipe until the stream header.
            .. FfmpegTools.UntrustedInput(source),
            "-f", "yuv4mpegpipe", "-i", "pipe:0",
            "-map", "1:v:0", "-map", "0:a:0?",
        ];
        arguments.AddRange(copyAudio ? ["-c:a", "copy"] : ["-c:a", "aac", "-b:a", "160k"]);
        arguments.AddRange(
        [
            .. settings.CodecArguments,
            "-pix_fmt", "yuv420p", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
            "-movflags", "+faststart", "-f", "mp4", partialPath,
        ]);
        var process = FfmpegProcess.Start(tools.Ffmpeg, arguments, cancellationToken, redirectInput: true);
        return new Mp4Encoder(process, copyAudio, partialPath, outputPath);
    }

    /// <summary>Starts the picture stream: frame size (padded to even) and rate.</summary>
    public ValueTask WriteStreamHeaderAsync(GridGeometry geometry, FrameRate rate, CancellationToken cancellationToken) =>
        WriteAsync(Encoding.ASCII.GetBytes(Y4mFormat.Header(geometry.EncodeWidth, geometry.EncodeHeight, rate)), cancellationToken);

    /// <summary>Writes one frame: <paramref name="frame"/> holds <see cref="FramePrefixLength"/> free bytes, then the yuv420p picture.</summary>
    public ValueTask WriteFrameAsync(Memory<byte> frame, CancellationToken cancellationToken)
    {
        Y4mFormat.FrameMarker.CopyTo(frame.Span);
        return WriteAsync(frame, cancellationToken);
    }
}
