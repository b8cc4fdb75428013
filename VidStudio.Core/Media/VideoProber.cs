using System.Globalization;
using System.Text.Json;

namespace VidStudio.Core.Media;

/// <summary>
/// Probe stage: asks ffprobe what a file holds and turns every way a file can be unusable into a
/// <see cref="VideoInputException"/> with a message a user understands.
/// </summary>
public sealed class VideoProber(FfmpegTools tools)
{
    /// <summary>Larger frames than this are refused: x264 and the PNG renderer would need gigabytes per frame.</summary>
    public const int MaxDimension = 8192;

    // ffprobe recognises single images as "videos" of one frame; these demuxers mean a still image.
    private static readonly string[] StillImageFormats = ["image2", "_pipe", "webp", "ico"];

    /// <summary>
    /// The whole probe, packet count included. A real video's takes well under a second (a 2-hour MKV's count, 0.3 s);
    /// a file made of millions of tiny packets is answered within this time instead of holding a core for half a minute.
    /// </summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);

    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ProbeTimeout);
        try
        {
            return await ProbeWithinAsync(path, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VideoInputException(VideoInputError.Damaged, $"Reading the file took longer than {ProbeTimeout.TotalSeconds:0} s; it is probably damaged.");
        }
    }

    private async Task<MediaInfo> ProbeWithinAsync(string path, CancellationToken cancellationToken)
    {
        var fullPath = FfmpegTools.SafeInputPath(path);
        var file = new FileInfo(fullPath);
        if (!file.Exists)
        {
            throw new VideoInputException(VideoInputError.NotFound, $"The file '{file.Name}' does not exist.");
        }

        if (file.Length == 0)
        {
            throw new VideoInputException(VideoInputError.Empty, "The file is empty (0 bytes).");
        }

        if (PlaylistSignature.Describe(fullPath) is { } playlist)
        {
            throw new VideoInputException(VideoInputError.Playlist,
                $"The file is {playlist}, which refers to other files instead of holding a video; upload the video itself.");
        }

        using var root = await RunProbeAsync(
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", .. FfmpegTools.UntrustedInput(fullPath, withInputFlag: false)],
            cancellationToken).ConfigureAwait(false);
        var json = root.RootElement;

        var format = json.TryGetProperty("format", out var f) ? f : default;
        var formatName = format.ValueKind == JsonValueKind.Object ? GetString(format, "format_name") ?? "" : "";
        var streams = json.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        if (formatName.Length == 0 && streams.Count == 0)
        {
            throw new VideoInputException(VideoInputError.NotAVideo,
                "The file is not a video ffmpeg can read (it may be another kind of file, or damaged or truncated).");
        }

        var video = streams.FirstOrDefault(st => GetString(st, "codec_type") == "video"
            && !(st.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var ap) && ap.GetInt32() == 1));
        if (video.ValueKind != JsonValueKind.Object)
        {
            var hasAudio = streams.Any(st => GetString(st, "codec_type") == "audio");
            throw new VideoInputException(VideoInputError.NoVideoStream,
                hasAudio ? "The file holds audio only; there is no picture to convert." : "The file holds no video stream.");
        }

        if (StillImageFormats.Any(formatName.Contains))
        {
            throw new VideoInputException(VideoInputError.StillImage,
                $"The file is a still image ({GetString(video, "codec_name")}), not a video. Animated GIFs and video files are accepted.");
        }

        var codedWidth = GetInt(video, "width");
        var codedHeight = GetInt(video, "height");
        if (codedWidth <= 0 || codedHeight <= 0)
        {
            throw new VideoInputException(VideoInputError.Damaged, "The video stream has no picture size; the file is probably damaged.");
        }

        // Anamorphic video (DVD and broadcast files, some phones) stores non-square pixels: a player shows it
        // coded width × sample aspect ratio wide, and so must the ASCII version, or circles come out as ellipses.
        var displayWidth = Math.Max(1, (int)Math.Round(codedWidth * ReadSampleAspectRatio(video)));
        if (codedWidth > MaxDimension || codedHeight > MaxDimension || displayWidth > MaxDimension)
        {
            throw new VideoInputException(VideoInputError.ResolutionTooLarge,
                $"The video is {Math.Max(codedWidth, displayWidth)}x{codedHeight}; at most {MaxDimension}x{MaxDimension} is supported.");
        }

        var rotation = ReadRotation(video);
        var quarterTurn = Math.Abs(rotation) % 180 == 90;
        var rate = ReadFrameRate(video);
        var duration = ParseDouble(GetString(format, "duration")) ?? ParseDouble(GetString(video, "duration")) ?? 0;
        var frameCount = long.TryParse(GetString(video, "nb_frames"), out var n) ? n : 0;

        if (duration <= 0 || frameCount <= 0)
        {
            // Containers such as WebM or streamed MKV may state neither; counting packets is exact and cheap.
            var (packets, endTime) = await new PacketCounter(tools).CountAsync(fullPath, cancellationToken).ConfigureAwait(false);
            frameCount = frameCount > 0 ? frameCount : packets;
            duration = duration > 0 ? duration : endTime;
        }

        if (frameCount <= 0)
        {
            throw new VideoInputException(VideoInputError.NoFrames, "The video stream holds no frames; the file is probably truncated.");
        }

        if (duration <= 0)
        {
            duration = frameCount / rate.Value;
        }

        return new MediaInfo(
            quarterTurn ? codedHeight : displayWidth,
            quarterTurn ? displayWidth : codedHeight,
            duration,
            rate,
            frameCount,
            rotation,
            streams.Where(st => GetString(st, "codec_type") == "audio").Select(st => GetString(st, "codec_name") ?? "unknown").FirstOrDefault(),
            GetString(video, "r_frame_rate") != GetString(video, "avg_frame_rate"),
            formatName,
            GetString(video, "codec_name") ?? "unknown");
    }

    private async Task<JsonDocument> RunProbeAsync(string[] arguments, CancellationToken cancellationToken)
    {
        using var process = FfmpegProcess.Start(tools.Ffprobe, arguments, cancellationToken);
        try
        {
            var document = await JsonDocument.ParseAsync(BoundedReadStream.ToolReport(process.StandardOutput), cancellationToken: cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return document;
        }
        catch (JsonException e)
        {
            throw new VideoInputException(VideoInputError.NotAVideo, "The file is not a video ffmpeg can read.", e);
        }
    }

    private static int ReadRotation(JsonElement video)
    {
        if (video.TryGetProperty("side_data_list", out var sideData))
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out var r) && r.TryGetDouble(out var degrees))
                {
                    return (int)Math.Round(degrees);
                }
            }
        }

        return video.TryGetProperty("tags", out var tags) && int.TryParse(GetString(tags, "rotate"), out var rotate) ? rotate : 0;
    }

    /// <summary>The stream's sample (pixel) aspect ratio; 1 when unknown ("0:1") or absent, as ffmpeg's filters take it.</summary>
    private static double ReadSampleAspectRatio(JsonElement video)
    {
        var parts = GetString(video, "sample_aspect_ratio")?.Split(':');
        return parts is { Length: 2 } && int.TryParse(parts[0], out var num) && int.TryParse(parts[1], out var den) && num > 0 && den > 0
            ? (double)num / den
            : 1;
    }

    private static FrameRate ReadFrameRate(JsonElement video)
    {
        // avg_frame_rate is the rate a player shows; r_frame_rate can be a timebase artefact (e.g. 1000/1 for VFR files).
        foreach (var key in new[] { "avg_frame_rate", "r_frame_rate" })
        {
            if (FrameRate.TryParse(GetString(video, key), out var rate) && rate.Value >= 0.1 && rate.Value <= PacketCounter.MaxPlausibleFrameRate)
            {
                return rate;
            }
        }

        return FrameRate.FromInteger(25);
    }

    private static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString()
            : null;

    private static int GetInt(JsonElement element, string name) => int.TryParse(GetString(element, name), out var v) ? v : 0;

    private static double? ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
