using VidStudio.Core.Frames;
using VidStudio.Core.Media;

namespace VidStudio.Core.Pipeline;

/// <summary>
/// Resource caps of one conversion, set by the installation. They are checked once the source is probed and before
/// any frame is rendered, so a hostile file (an 8×8192 GIF asks for a gigabyte per frame at width 120; two frames ten
/// hours apart ask for millions of frames) is refused in the time of a probe, with a message that names the setting.
/// </summary>
public sealed record ConversionLimits
{
    /// <summary>Character rows per frame.</summary>
    public int MaxRows { get; init; } = 500;

    /// <summary>The longer side of the source over its shorter side.</summary>
    public double MaxAspectRatio { get; init; } = 8;

    /// <summary>Pixels of one rendered frame (its width times its height): a little more than 8K UHD's 33.2 million.</summary>
    public long MaxOutputPixels { get; init; } = 40_000_000;

    /// <summary>Frames one job may produce (the output rate times the duration).</summary>
    public int MaxOutputFrames { get; init; } = 100_000;

    /// <summary>Bytes one job may write (frames and video together).</summary>
    public long MaxOutputBytes { get; init; } = 20L * 1024 * 1024 * 1024;

    /// <summary>No caps: for callers that trust their input (tests of the engine's own behaviour).</summary>
    public static ConversionLimits None { get; } = new()
    {
        MaxRows = int.MaxValue, MaxAspectRatio = double.MaxValue, MaxOutputPixels = long.MaxValue,
        MaxOutputFrames = int.MaxValue, MaxOutputBytes = long.MaxValue,
    };

    /// <summary>Throws a <see cref="VideoInputException"/> (<see cref="VideoInputError.OverLimit"/>) naming the first cap the plan exceeds.</summary>
    public void Check(MediaInfo media, GridGeometry geometry, OutputTiming timing)
    {
        var aspect = (double)Math.Max(media.Width, media.Height) / Math.Max(1, Math.Min(media.Width, media.Height));
        if (aspect > MaxAspectRatio)
        {
            throw Over($"The video is {media.Width}x{media.Height}, an aspect ratio of {aspect:0.#}:1; at most {MaxAspectRatio:0.#}:1 is accepted (setting MaxAspectRatio).");
        }

        if (geometry.Rows > MaxRows)
        {
            throw Over($"At width {geometry.Columns} this video needs {geometry.Rows} character rows; at most {MaxRows} are allowed (setting MaxRows). Choose a smaller width.");
        }

        var pixels = (long)geometry.RenderWidth * geometry.RenderHeight;
        if (pixels > MaxOutputPixels)
        {
            throw Over($"Frames would be rendered at {geometry.RenderWidth}x{geometry.RenderHeight} ({pixels / 1e6:0.#} million pixels); at most {MaxOutputPixels / 1e6:0.#} million are allowed (setting MaxOutputPixels).");
        }

        if (timing.ExpectedFrames > MaxOutputFrames)
        {
            throw Over($"The output would have {timing.ExpectedFrames} frames ({media.DurationSeconds:0.#} s at {timing.Rate.Value:0.###} fps); at most {MaxOutputFrames} are allowed (setting MaxOutputFrames). Choose a lower fps or a shorter video.");
        }
    }

    /// <summary>Fails a job whose files have grown past <see cref="MaxOutputBytes"/>.</summary>
    public void CheckOutputBytes(long written, int frames)
    {
        if (written > MaxOutputBytes)
        {
            throw new ConversionFailedException(
                $"The output passed the limit of {ByteSize.Format(MaxOutputBytes)} after {frames} frames (setting MaxJobOutputBytes); lower the width or fps, or turn off PNG frames.");
        }
    }

    private static VideoInputException Over(string message) => new(VideoInputError.OverLimit, message);
}
