using VidStudio.Core.Frames;
using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;
using VidStudio.Core.Rendering;

namespace VidStudio.Web.Studio;

/// <summary>
/// A tiny image of every style for the style chooser, rendered by the engine itself (same mapper, renderer and font)
/// from a synthetic frame: a dark-to-light ramp with a bright disc, so ramps, dots and edges all show.
/// </summary>
public sealed class StyleSamples(FontSet fonts)
{
    private const int Width = 160, Height = 60, Columns = 20;

    private readonly Lazy<IReadOnlyDictionary<AsciiStyle, string>> _samples = new(() => Enum.GetValues<AsciiStyle>()
        .ToDictionary(style => style, style => "data:image/png;base64," + Convert.ToBase64String(Render(fonts, style))));

    /// <summary>The sample of a style as a data URL.</summary>
    public string For(AsciiStyle style) => _samples.Value[style];

    private static byte[] Render(FontSet fonts, AsciiStyle style)
    {
        var options = new ConversionOptions { Width = Columns, Style = style, Charset = style == AsciiStyle.Custom ? " .:oO@" : null, TextColor = "#E0E0E0", BgColor = "#202020" };
        var geometry = GridGeometry.For(Width, Height, Columns, fonts.CellAspect);
        var renderer = new FrameRenderer(options, geometry, fonts);
        using var frame = new YuvFrame(geometry.AnalysisWidth, geometry.AnalysisHeight);
        var luma = frame.Data.Span[..(frame.Width * frame.Height)];
        for (var y = 0; y < frame.Height; y++)
        {
            for (var x = 0; x < frame.Width; x++)
            {
                double dx = x - frame.Width * 0.7, dy = y - frame.Height * 0.5;
                var inDisc = dx * dx + dy * dy < frame.Height * frame.Height * 0.09;
                luma[y * frame.Width + x] = (byte)(inDisc ? 235 : 16 + 219 * x / frame.Width);
            }
        }

        frame.Data.Span[luma.Length..].Fill(128);
        renderer.MapCharacters(frame);
        renderer.ComposeGlyphs();
        using var png = renderer.CapturePng();
        return png.ToArray();
    }
}
