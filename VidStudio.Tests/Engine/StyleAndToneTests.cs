using VidStudio.Core.Mapping;
using VidStudio.Core.Options;

namespace VidStudio.Tests.Engine;

/// <summary>Style and tone behaviour, read from the text frames of a black → white horizontal ramp.</summary>
public class StyleAndToneTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    private async Task<string[]> FirstFrameAsync(string source, ConversionOptions options)
    {
        var output = engine.Media.NewOutputFolder();
        await engine.Converter.ConvertAsync(source, output, options with { SaveTxt = true, SavePng = false, SaveMp4 = false });
        return File.ReadAllLines(Path.Combine(output, "frame_000000.txt"));
    }

    /// <summary>Mean ramp position (0 dark … 1 light) of the characters in a column range.</summary>
    private static double MeanLevel(string[] lines, string ramp, int fromColumn, int toColumn) =>
        lines.SelectMany(l => l[fromColumn..toColumn]).Average(c => (double)ramp.IndexOf(c)) / (ramp.Length - 1);

    [Theory]
    [InlineData(AsciiStyle.Normal, GlyphSet.Ramps.Normal)]
    [InlineData(AsciiStyle.Dots, GlyphSet.Ramps.Dots)]
    [InlineData(AsciiStyle.Gradient, GlyphSet.Ramps.Gradient)]
    [InlineData(AsciiStyle.Blocks, GlyphSet.Ramps.Blocks)]
    [InlineData(AsciiStyle.Inverted, "@%#*+=-:. ")]
    [InlineData(AsciiStyle.Custom, " .oO@")]
    public async Task Each_ramp_style_uses_only_its_own_characters_across_the_whole_ramp(AsciiStyle style, string ramp)
    {
        var lines = await FirstFrameAsync(engine.Media.Ramp(), new ConversionOptions { Width = 128, Style = style, Charset = style == AsciiStyle.Custom ? ramp : null });

        var used = lines.SelectMany(l => l).Distinct().ToList();
        Assert.All(used, c => Assert.Contains(c, ramp));
        Assert.True(used.Count >= ramp.Length * 0.7, $"a full ramp should use most of '{ramp}', used '{string.Concat(used)}'");
        Assert.Equal(ramp[0], lines[0][0]);
        Assert.Equal(ramp[^1], lines[0][^1]);
    }

    [Fact]
    public async Task Braille_uses_only_braille_patterns_with_more_dots_where_it_is_lighter()
    {
        var lines = await FirstFrameAsync(engine.Media.Ramp(), new ConversionOptions { Width = 32, Style = AsciiStyle.Braille });

        Assert.All(lines.SelectMany(l => l), c => Assert.InRange(c, '\u2800', '\u28FF'));
        int Dots(char c) => System.Numerics.BitOperations.PopCount((uint)(c - 0x2800));
        Assert.Equal(0, Dots(lines[0][0]));
        Assert.Equal(8, Dots(lines[0][^1]));
        Assert.True(lines.Sum(l => Dots(l[8])) < lines.Sum(l => Dots(l[24])));
    }

    [Fact]
    public async Task Edges_draw_direction_characters_along_edges_and_fill_elsewhere()
    {
        var box = engine.Media.Lavfi("box.mp4", "color=c=black:s=320x240:r=10,drawbox=x=80:y=60:w=160:h=120:color=white:t=fill", 0.3);

        var lines = await FirstFrameAsync(box, new ConversionOptions { Width = 40, Style = AsciiStyle.Edges });

        var allowed = GlyphSet.Ramps.EdgeFill + GlyphSet.Ramps.EdgeLines;
        Assert.All(lines.SelectMany(l => l), c => Assert.Contains(c, allowed));
        var middleRow = lines[lines.Length / 2];
        Assert.Equal('|', middleRow[10]);
        Assert.Equal('|', middleRow[29]);
        Assert.Contains(lines[lines.Length / 4], c => c is '-' or '_');
        Assert.Equal(' ', lines[0][0]);
    }

    [Theory]
    [InlineData("brightness", 1.6, true)]
    [InlineData("brightness", 0.6, false)]
    [InlineData("gamma", 2.0, true)]
    [InlineData("gamma", 0.5, false)]
    public async Task Brightness_and_gamma_move_characters_the_right_way(string field, double value, bool lighter)
    {
        var ramp = engine.Media.Ramp();
        var plain = await FirstFrameAsync(ramp, new ConversionOptions { Width = 64 });
        var corrected = await FirstFrameAsync(ramp, field == "brightness" ? new ConversionOptions { Width = 64, Brightness = value } : new ConversionOptions { Width = 64, Gamma = value });

        var before = MeanLevel(plain, GlyphSet.Ramps.Normal, 0, 64);
        var after = MeanLevel(corrected, GlyphSet.Ramps.Normal, 0, 64);
        Assert.True(lighter ? after > before + 0.05 : after < before - 0.05, $"{field}={value}: mean level {before:0.00} → {after:0.00}");
    }

    [Fact]
    public async Task Contrast_pushes_darks_darker_and_lights_lighter()
    {
        var ramp = engine.Media.Ramp();
        var plain = await FirstFrameAsync(ramp, new ConversionOptions { Width = 64 });
        var strong = await FirstFrameAsync(ramp, new ConversionOptions { Width = 64, Contrast = 1.8 });

        Assert.True(MeanLevel(strong, GlyphSet.Ramps.Normal, 8, 24) < MeanLevel(plain, GlyphSet.Ramps.Normal, 8, 24) - 0.05);
        Assert.True(MeanLevel(strong, GlyphSet.Ramps.Normal, 40, 56) > MeanLevel(plain, GlyphSet.Ramps.Normal, 40, 56) + 0.05);
    }

    [Fact]
    public async Task Inverted_puts_dense_characters_on_dark_areas()
    {
        var lines = await FirstFrameAsync(engine.Media.Ramp(), new ConversionOptions { Width = 64, Style = AsciiStyle.Inverted });

        Assert.Equal('@', lines[0][0]);
        Assert.Equal(' ', lines[0][^1]);
    }
}
