using System.Globalization;
using VidStudio.Core.Media;
using VidStudio.Core.Options;

namespace VidStudio.Core.Output.Gif;

/// <summary>
/// Write stage for GIF: RGBA frames piped into ffmpeg, area-scaled to the chosen width, each frame quantised to its own
/// palette (<c>palettegen=stats_mode=single</c> with <c>paletteuse=new=1</c>): one pass with nothing held back, where a
/// single palette for the whole clip would make ffmpeg buffer every frame until the end. Alpha below half becomes the
/// reserved transparent entry, so a transparent background stays transparent. Frame delays come from the timestamps,
/// so the GIF lasts as long as the source.
/// </summary>
public sealed class GifEncoder : RgbaEncoder
{
    private GifEncoder(FfmpegProcess process, string partialPath, string finalPath) : base(process, partialPath, finalPath, "the GIF")
    {
    }

    public static int WidthFor(int? requested, int renderWidth) => requested ?? Math.Min(renderWidth, ConversionOptions.MaxDefaultGifWidth);

    public static GifEncoder Start(FfmpegTools tools, int width, int height, FrameRate rate, int gifWidth, string outputPath, CancellationToken cancellationToken)
    {
        var partialPath = outputPath + ArtifactNames.PartialSuffix;
        List<string> arguments =
        [
            "-nostdin", "-hide_banner", "-v", "error", "-y",
            .. RgbaInput(width, height, rate),
            "-vf", $"scale={gifWidth.ToString(CultureInfo.InvariantCulture)}:-2:flags=area,split[frames][stats];" +
                   "[stats]palettegen=stats_mode=single:reserve_transparent=1[palette];" +
                   "[frames][palette]paletteuse=new=1:dither=bayer:bayer_scale=3:alpha_threshold=128",
            "-loop", "0", "-f", "gif", partialPath,
        ];
        var process = FfmpegProcess.Start(tools.Ffmpeg, arguments, cancellationToken, redirectInput: true);
        return new GifEncoder(process, partialPath, outputPath);
    }
}
