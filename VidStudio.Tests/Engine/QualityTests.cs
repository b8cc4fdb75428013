using VidStudio.Core.Options;
using VidStudio.Core.Output;

namespace VidStudio.Tests.Engine;

/// <summary>Temporal stability, automatic levels and the preview of stateful looks, on clips made with ffmpeg.</summary>
public class QualityTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    private async Task<string[][]> TextFramesAsync(string source, ConversionOptions options)
    {
        var output = engine.Media.NewOutputFolder();
        var result = await engine.Converter.ConvertAsync(source, output, options with { SaveTxt = true, SavePng = false, SaveMp4 = false });
        return Enumerable.Range(0, result.FramesCount).Select(i => File.ReadAllLines(Path.Combine(output, ArtifactNames.TextFrame(i)))).ToArray();
    }

    /// <summary>Share of cells whose character differs between two frames.</summary>
    private static double Changed(string[] a, string[] b) =>
        (double)a.Zip(b).Sum(rows => rows.First.Zip(rows.Second).Count(c => c.First != c.Second)) / a.Sum(r => r.Length);

    [Fact]
    public async Task Stability_holds_characters_still_on_a_noisy_static_picture_and_starts_afresh_at_a_cut()
    {
        // 2 s of colour bars under strong temporal noise (nothing moves), then a cut to a black box on white.
        var clip = engine.Media.Lavfi("noisy-then-cut.mp4",
            "smptebars=s=320x180:r=25:d=2,noise=alls=40:allf=t,format=yuv420p[bars];" +
            "color=c=white:s=320x180:r=25:d=1,drawbox=x=100:y=50:w=120:h=80:color=black:t=fill,format=yuv420p[card];" +
            "[bars][card]concat=n=2:v=1:a=0", 3);
        var fresh = await TextFramesAsync(clip, new ConversionOptions { Width = 80, Style = AsciiStyle.Shape, Stability = 0 });
        var steady = await TextFramesAsync(clip, new ConversionOptions { Width = 80, Style = AsciiStyle.Shape, Stability = 0.8 });

        var freshFlicker = Enumerable.Range(1, 48).Average(i => Changed(fresh[i - 1], fresh[i]));
        var steadyFlicker = Enumerable.Range(1, 48).Average(i => Changed(steady[i - 1], steady[i]));
        Assert.True(freshFlicker > 0.05, $"the noise should make per-frame choices flicker (changed {freshFlicker:P1} per frame)");
        Assert.True(steadyFlicker < freshFlicker / 3, $"stability 0.8 changed {steadyFlicker:P1} of cells per frame, stability 0 {freshFlicker:P1}");

        // The first frame and the first frame after the cut have no past: both settings choose the same characters.
        Assert.Equal(fresh[0], steady[0]);
        Assert.Equal(fresh[50], steady[50]);
        Assert.NotEqual(fresh[48], steady[48]);
    }

    [Fact]
    public async Task Auto_levels_bring_out_a_dark_clip_that_otherwise_renders_as_spaces()
    {
        // testsrc2 squeezed into the darkest 8% of the video range: mean full-range luma around 10/255.
        var dark = engine.Media.Lavfi("dark.mp4", "testsrc2=s=320x180:r=25:d=1,lutyuv=y='16+(val-16)*0.08'", 1);

        var plain = (await TextFramesAsync(dark, new ConversionOptions { Width = 80 }))[10];
        var levelled = (await TextFramesAsync(dark, new ConversionOptions { Width = 80, AutoLevels = true }))[10];

        static double Ink(string[] lines) => lines.SelectMany(l => l).Average(c => c == ' ' ? 0.0 : 1.0);
        Assert.True(Ink(plain) < 0.05, $"without auto levels {Ink(plain):P0} of cells are not spaces");
        Assert.True(Ink(levelled) > 0.4, $"with auto levels only {Ink(levelled):P0} of cells are not spaces");
        Assert.True(levelled.SelectMany(l => l).Distinct().Count() >= 6, "the levelled frame should use most of the ramp");
    }

    [Fact]
    public async Task The_preview_of_a_stable_look_warms_up_to_the_frame_the_job_writes()
    {
        var source = engine.Media.TestSource("preview-stable.mp4", 320, 180, fps: 25, seconds: 4, audio: false);
        var options = new ConversionOptions { Width = 80, Style = AsciiStyle.Shape, ColorMode = ColorMode.Cell, Stability = 0.8, SaveTxt = true, SaveMp4 = false };
        var output = engine.Media.NewOutputFolder();
        await engine.Converter.ConvertAsync(source, output, options);

        var preview = await engine.NewPreviewer().RenderAsync(source, 3.0, options);

        Assert.Equal(75, preview.FrameIndex);
        var job = File.ReadAllLines(Path.Combine(output, ArtifactNames.TextFrame(75)));
        var equal = 1 - Changed(job, preview.Text.Split('\n')[..job.Length]);
        Assert.True(equal >= 0.98, $"{equal:P1} of the preview's cells equal the job's frame 75");
    }
}
