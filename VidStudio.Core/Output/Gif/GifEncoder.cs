using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using VidStudio.Core.Frames;
using VidStudio.Core.Media;
using VidStudio.Core.Options;

namespace VidStudio.Core.Output.Gif;

/// <summary>
/// Write stage for GIF, in two passes so one palette serves the whole clip without holding its frames in memory. Pass
/// one (fed while the job renders): RGBA frames area-scaled to the GIF's width, pixels that barely changed held at their
/// shown value, kept losslessly (Ut Video) in a temporary file while <c>palettegen</c> gathers the clip's colours.
/// Pass two (<see cref="CompleteAsync"/>): the frames mapped onto that palette without dithering, only the rectangle
/// that changed re-mapped, and ffmpeg's GIF encoder storing each frame cropped to what changed with unchanged pixels
/// transparent. ffmpeg 5.1's encoder does that cropping only while a frame's palette equals the first frame's, so a
/// palette per frame (as before) or per scene (new palettes at cuts) stores every frame whole from the first change on:
/// measured on real footage in cell colours, one palette for the clip made the GIF 1.9–2.5× smaller than a palette per
/// frame at the same SSIM, and refreshing the palette every 2 s nearly doubled it again (a palette taken once per scene
/// also went wrong on fades: from a black first frame). Without dithering, flat cells stay flat and compress; Bayer
/// dithering made GIFs 1.4–1.6× larger and lowered SSIM (0.952 → 0.924 on big_buck_bunny; the README's GIF section
/// has the figures). When the palette is known before the first frame (fixed colours: <see cref="GifPalette"/>), one
/// pass maps and encodes the frames as they come and there is no temporary file. Alpha below half becomes the palette's transparent entry, so a transparent background stays
/// transparent (ffmpeg then stores such frames whole, cropped to their opaque part). Frame delays come from the
/// timestamps, so the GIF lasts as long as the source.
/// </summary>
public sealed class GifEncoder : RgbaEncoder
{
    /// <summary>
    /// How far (per channel, of 255) a pixel may drift from what the GIF shows before it is redrawn. Real footage's grain
    /// changes most cells' colours slightly every frame, and each change is a pixel the GIF must store again: holding
    /// drifts up to 4 halved chaplin.mp4's GIF in cell colours (6.4 → 3.1 MB) at SSIM 0.995 against the rendered frames
    /// (8: 2.5 MB at 0.986; the MP4 itself scores 0.966).
    /// </summary>
    private const byte HoldTolerance = 4;

    /// <summary>Frames onto the palette: no dithering, only the rectangle that changed re-mapped, alpha below half transparent.</summary>
    private const string PaletteUse = "paletteuse=dither=none:diff_mode=rectangle:alpha_threshold=128";

    private readonly FfmpegTools _tools;
    private readonly string? _framesPath;
    private readonly string _palettePath, _outputPath;
    private readonly RgbaAreaScaler? _scaler;
    private byte[]? _scaled, _shown;

    /// <param name="framesPath">The first pass's frames; null when one pass makes the GIF (its palette known at the start).</param>
    /// <param name="scaler">Shrinks the frames to the GIF's size before they are piped; null when they are piped as they are.</param>
    private GifEncoder(FfmpegTools tools, FfmpegProcess process, string partialPath, string? framesPath, string palettePath, string outputPath, RgbaAreaScaler? scaler)
        : base(process, partialPath, outputPath, "the GIF")
    {
        (_tools, _framesPath, _palettePath, _outputPath, _scaler) = (tools, framesPath, palettePath, outputPath, scaler);
    }

    public static int WidthFor(int? requested, GridGeometry geometry) =>
        requested ?? Math.Min(geometry.RenderWidth, geometry.Columns * ConversionOptions.DefaultGifPixelsPerColumn);

    /// <param name="palette">The GIF's palette when the frames' colours are known ahead (<see cref="GifPalette.For"/>): then one pass
    /// maps the frames as they come, with no temporary frames file and no second pass; null: two passes gather it.</param>
    public static GifEncoder Start(FfmpegTools tools, int width, int height, FrameRate rate, int gifWidth, uint[]? palette, string outputPath, CancellationToken cancellationToken)
    {
        // The temporary files carry the partial suffix, so a crash leaves nothing a job's clean-up would miss.
        var palettePath = outputPath + ".palette" + ArtifactNames.PartialSuffix;
        // A smaller GIF (the default at 1080p: half the width) is shrunk here, so a quarter of the bytes cross the pipe
        // and ffmpeg does not scale them: chaplin.mp4 upscaled to 1080p, the job took 2.0 s against 3.3 s in fixed colours
        // (same size, SSIM 0.9999) and 4.7 against 8.5 s in cell colours (3% smaller, SSIM 0.9940 against 0.9945).
        // ffmpeg's scale filter then passes the frames on unchanged, and still enlarges them when a larger GIF is asked for.
        RgbaAreaScaler? scaler = null;
        if (gifWidth < width)
        {
            // Even, as ffmpeg's "-2" makes the height of a frame it scales.
            var gifHeight = Math.Max(2, 2 * (int)Math.Round(height * (double)gifWidth / width / 2, MidpointRounding.AwayFromZero));
            scaler = new RgbaAreaScaler(width, height, gifWidth, gifHeight);
            (width, height) = (gifWidth, gifHeight);
        }

        var scale = $"scale={gifWidth.ToString(CultureInfo.InvariantCulture)}:-2:flags=area";
        if (palette is not null)
        {
            // Measured on chaplin.mp4 in fixed colours: the GIF in 0.5 s of ffmpeg's time against 1.4 s for the two
            // passes, same bytes, SSIM 1.000 between the two.
            File.WriteAllBytes(palettePath, MemoryMarshal.AsBytes(palette.AsSpan()).ToArray());
            var partialPath = outputPath + ArtifactNames.PartialSuffix;
            string[] onePass =
            [
                "-nostdin", "-hide_banner", "-v", "error", "-y",
                .. RgbaInput(width, height, rate),
                "-f", "rawvideo", "-pix_fmt", "rgba", "-s", "16x16", "-i", palettePath,
                "-filter_complex", $"[0:v]{scale}[frames];[frames][1:v]{PaletteUse}",
                .. GifOutputArguments(partialPath),
            ];
            return new GifEncoder(tools, FfmpegProcess.Start(tools.Ffmpeg, onePass, cancellationToken, redirectInput: true), partialPath, null, palettePath, outputPath, scaler);
        }

        var framesPath = outputPath + ".frames" + ArtifactNames.PartialSuffix;
        List<string> firstPass =
        [
            "-nostdin", "-hide_banner", "-v", "error", "-y",
            .. RgbaInput(width, height, rate),
            "-filter_complex", $"{scale},split[frames][stats];[stats]palettegen=stats_mode=full:reserve_transparent=1[palette]",
            // NUT keeps the frames' own time base, so the GIF's delays come out as if the frames had been piped to it.
            // Ut Video rather than FFV1: both passes ~40% faster on chaplin.mp4's frames (1.6 against 2.6 s) for twice the
            // temporary file (100 KB a 640×360 frame in cell colours), which counts toward the job's output limit.
            "-map", "[frames]", "-c:v", "utvideo", "-f", "nut", framesPath,
            "-map", "[palette]", "-c:v", "png", "-update", "1", "-f", "image2", palettePath,
        ];
        var process = FfmpegProcess.Start(tools.Ffmpeg, firstPass, cancellationToken, redirectInput: true);
        return new GifEncoder(tools, process, framesPath, framesPath, palettePath, outputPath, scaler);
    }

    /// <summary>Pipes the frame as the GIF should show it: at its size, pixels that barely changed keeping their shown value (<see cref="HoldTolerance"/>).</summary>
    public override ValueTask WriteFrameAsync(ReadOnlyMemory<byte> rgba, CancellationToken cancellationToken)
    {
        if (_scaler is not null)
        {
            _scaled ??= new byte[_scaler.Length];
            _scaler.Scale(rgba.Span, _scaled);
            rgba = _scaled;
        }

        if (_shown is null)
        {
            _shown = rgba.ToArray();
        }
        else
        {
            Hold(rgba.Span, _shown, HoldTolerance);
        }

        return base.WriteFrameAsync(_shown, cancellationToken);
    }

    /// <summary>Pixels (RGBA) of <paramref name="frame"/> whose every channel is within <paramref name="tolerance"/> of <paramref name="shown"/> keep the shown value; the rest take the frame's.</summary>
    internal static void Hold(ReadOnlySpan<byte> frame, Span<byte> shown, byte tolerance)
    {
        var frameVectors = MemoryMarshal.Cast<byte, Vector<byte>>(frame);
        var shownVectors = MemoryMarshal.Cast<byte, Vector<byte>>(shown);
        var limit = new Vector<byte>(tolerance);
        for (var i = 0; i < frameVectors.Length; i++)
        {
            var (next, held) = (frameVectors[i], shownVectors[i]);
            var beyond = Vector.AsVectorUInt32(Vector.GreaterThan(Vector.Max(next, held) - Vector.Min(next, held), limit));
            var keep = Vector.Equals(beyond, Vector<uint>.Zero);
            shownVectors[i] = Vector.AsVectorByte(Vector.ConditionalSelect(keep, Vector.AsVectorUInt32(held), Vector.AsVectorUInt32(next)));
        }

        for (var p = frameVectors.Length * Vector<byte>.Count; p < frame.Length; p += 4)
        {
            var near = true;
            for (var c = 0; c < 4; c++)
            {
                near &= Math.Abs(frame[p + c] - shown[p + c]) <= tolerance;
            }

            if (!near)
            {
                frame.Slice(p, 4).CopyTo(shown.Slice(p, 4));
            }
        }
    }

    /// <summary>Ends the pass under way; with two, runs the second; moves the GIF into place.</summary>
    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_framesPath is null)
        {
            await base.CompleteAsync(cancellationToken).ConfigureAwait(false);
            DeleteTemporaryFiles();
            return;
        }

        await EndInputAsync(cancellationToken).ConfigureAwait(false);
        var partialPath = _outputPath + ArtifactNames.PartialSuffix;
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-v", "error", "-y",
            "-i", _framesPath, "-i", _palettePath,
            "-lavfi", $"[0:v][1:v]{PaletteUse}",
            .. GifOutputArguments(partialPath),
        ];
        using (var secondPass = FfmpegProcess.Start(_tools.Ffmpeg, arguments, cancellationToken))
        {
            var exitCode = await secondPass.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw secondPass.Failure("Encoding the GIF", exitCode);
            }
        }

        File.Move(partialPath, _outputPath, overwrite: true);
        DeleteTemporaryFiles();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        DeleteTemporaryFiles();
        File.Delete(_outputPath + ArtifactNames.PartialSuffix);
    }

    private static string[] GifOutputArguments(string path) => ["-loop", "0", "-f", "gif", path];

    private void DeleteTemporaryFiles()
    {
        if (_framesPath is not null)
        {
            File.Delete(_framesPath);
        }

        File.Delete(_palettePath);
    }
}
