using SkiaSharp;
using VidStudio.Core.Options;
using VidStudio.Core.Output.WebmAlpha;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Engine;

/// <summary>The WebM with alpha, decoded back with libvpx (ffmpeg's native VP9 decoder drops the alpha plane).</summary>
public class WebmAlphaTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    [Fact]
    public async Task The_background_decodes_transparent_the_glyphs_opaque_and_the_audio_is_the_sources()
    {
        var source = engine.Media.TestSource("webm-alpha.mp4", 320, 180, fps: 10, seconds: 1);
        var output = engine.Media.NewOutputFolder();
        var result = await engine.Converter.ConvertAsync(source, output,
            new ConversionOptions { Width = 40, TransparentBg = true, SaveWebmAlpha = true, SavePng = false, SaveMp4 = false });

        var webm = Path.Combine(output, WebmAlphaOutput.FileName);
        Assert.Contains(result.Artifacts, a => a.Kind == WebmAlphaOutput.Format.Kind);
        Assert.Equal("vp9", TestMedia.Probe(webm, "stream=codec_name", "v:0"));
        Assert.Equal("opus", TestMedia.Probe(webm, "stream=codec_name", "a:0"));
        Assert.Equal("1", TestMedia.Probe(webm, "stream_tags=alpha_mode", "v:0"));

        var frame = engine.Media.PathOf("webm-alpha-frame.png");
        TestMedia.Ffmpeg("-c:v", "libvpx-vp9", "-i", webm, "-frames:v", "1", "-pix_fmt", "rgba", frame);
        using var bitmap = SKBitmap.Decode(frame);
        var alphas = bitmap.Pixels.Select(p => p.Alpha).ToList();
        Assert.True(alphas.Count(a => a < 16) > alphas.Count / 4, "the background should decode transparent");
        Assert.True(alphas.Count(a => a > 240) > alphas.Count / 50, "the glyphs should decode opaque");
    }

    [Fact]
    public void Asking_for_alpha_without_a_transparent_background_is_explained_before_work_starts()
    {
        var error = Assert.Single(new ConversionOptions { SaveWebmAlpha = true }.Validate());
        Assert.Equal("save_webm_alpha", error.Field);
        Assert.Contains("transparent_bg", error.Message);
    }
}
