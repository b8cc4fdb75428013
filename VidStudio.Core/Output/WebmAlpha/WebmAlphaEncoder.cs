using VidStudio.Core.Media;

namespace VidStudio.Core.Output.WebmAlpha;

/// <summary>
/// Write stage for compositing: the rendered frames as VP9 with an alpha channel (<c>yuva420p</c>) in WebM — the
/// background transparent, the glyphs opaque — with the source's audio in Opus (WebM's codec). Sizes are padded to
/// even with transparent pixels, as 4:2:0 needs.
/// </summary>
public sealed class WebmAlphaEncoder : RgbaEncoder
{
    /// <summary>VP9 quality, constant-quality mode (0 best … 63 worst): glyph edges stay crisp, files stay near the MP4's.</summary>
    private const int Crf = 32;

    private WebmAlphaEncoder(FfmpegProcess process, string partialPath, string finalPath) : base(process, partialPath, finalPath, "the WebM")
    {
    }

    public static WebmAlphaEncoder Start(FfmpegTools tools, string source, int width, int height, FrameRate rate, string outputPath, CancellationToken cancellationToken)
    {
        var partialPath = outputPath + ArtifactNames.PartialSuffix;
        List<string> arguments =
        [
            "-nostdin", "-hide_banner", "-v", "error", "-y",
            .. FfmpegTools.UntrustedInput(source),
            .. RgbaInput(width, height, rate),
            "-map", "1:v:0", "-map", "0:a:0?",
            "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2:color=black@0,format=yuva420p",
            "-c:v", "libvpx-vp9", "-pix_fmt", "yuva420p", "-crf", Crf.ToString(), "-b:v", "0",
            // Realtime settings: the good-quality modes run at ~1 frame/s at 1080p on two cores.
            "-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1",
            "-c:a", "libopus", "-b:a", "128k",
            "-f", "webm", partialPath,
        ];
        var process = FfmpegProcess.Start(tools.Ffmpeg, arguments, cancellationToken, redirectInput: true);
        return new WebmAlphaEncoder(process, partialPath, outputPath);
    }
}
