using System.Text.RegularExpressions;
using SkiaSharp;
using VidStudio.Core.Options;
using VidStudio.Core.Output;

namespace VidStudio.Tests.Engine;

/// <summary>Palettes as the outputs show them: terminal numbers in ANSI text, nothing but palette colours in the frames.</summary>
public partial class PaletteExportTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    private const string CustomColors = "#000000,#E03C28,#2CA02C,#1F4FB4,#F0E68C,#FFFFFF";

    [GeneratedRegex("\u001b\\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Escape();

    [GeneratedRegex("\u001b\\[([0-9;]*)m")]
    private static partial Regex Sgr();

    [Theory]
    [InlineData("256")]
    [InlineData("16")]
    [InlineData("8")]
    public async Task Ansi_frames_of_a_terminal_palette_name_colours_by_its_numbers_only(string palette)
    {
        var source = engine.Media.TestSource("palette-ansi.mp4", 320, 180, fps: 10, seconds: 1, audio: false);
        var output = engine.Media.NewOutputFolder();
        var options = ConversionOptionsParser.ParseValid([new("palette", palette)],
            new ConversionOptions { Width = 40, Style = AsciiStyle.Shape, ColorMode = ColorMode.Cell, SaveAnsi = true, SaveTxt = true, SavePng = false, SaveMp4 = false });
        await engine.Converter.ConvertAsync(source, output, options);

        var ansi = File.ReadAllText(Path.Combine(output, ArtifactNames.AnsiFrame(5)));
        var sequences = Sgr().Matches(ansi).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Escape().Matches(ansi).Count, sequences.Count);
        Assert.Equal(File.ReadAllText(Path.Combine(output, ArtifactNames.TextFrame(5))), Escape().Replace(ansi, ""));
        var colours = sequences.Where(s => s != "0").ToList();
        Assert.All(colours, sequence => Assert.True(IsColourOf(palette, sequence), $"'{sequence}' is not a palette={palette} colour"));
        // The test card's bars and gradients take many of the colours, both as text and as background.
        Assert.True(colours.Distinct().Count() >= (palette == "8" ? 6 : 12), $"{colours.Distinct().Count()} distinct colour sequences");
    }

    [Fact]
    public async Task A_custom_palette_s_colours_are_the_only_ones_in_the_frames()
    {
        var source = engine.Media.TestSource("palette-png.mp4", 320, 180, fps: 10, seconds: 1, audio: false);
        var allowed = PaletteColors.Parse(CustomColors).Select(c => new SKColor(c.R, c.G, c.B)).ToHashSet();

        // A space and a full block cover a cell not at all or completely: every pixel is a cell's glyph or background colour.
        var solid = engine.Media.NewOutputFolder();
        await engine.Converter.ConvertAsync(source, solid, new ConversionOptions
        {
            Width = 40, Style = AsciiStyle.Custom, Charset = " █", ColorMode = ColorMode.Cell, Palette = Palette.Custom, PaletteColors = CustomColors,
            BgColor = "#203040", SaveMp4 = false,
        });
        using (var png = SKBitmap.Decode(Path.Combine(solid, ArtifactNames.PngFrame(5))))
        {
            var colours = png.Pixels.Distinct().ToList();
            Assert.All(colours, colour => Assert.Contains(colour, allowed));
            Assert.True(colours.Count >= 5, $"{colours.Count} colours of {allowed.Count}");
        }

        // Shades blend their glyph colour into the background at partly covered pixels; with a transparent background the
        // coverage is the alpha, and every fully covered pixel is a palette colour.
        var shaded = engine.Media.NewOutputFolder();
        await engine.Converter.ConvertAsync(source, shaded, new ConversionOptions
        {
            Width = 40, Style = AsciiStyle.Blocks, ColorMode = ColorMode.Source, Palette = Palette.Custom, PaletteColors = CustomColors,
            TransparentBg = true, SaveMp4 = false,
        });
        using (var png = SKBitmap.Decode(Path.Combine(shaded, ArtifactNames.PngFrame(5))))
        {
            var covered = png.Pixels.Where(p => p.Alpha == 255).ToList();
            Assert.True(covered.Count > png.Pixels.Length / 10, $"{covered.Count} fully covered pixels");
            Assert.All(covered.Distinct(), colour => Assert.Contains(colour, allowed));
        }
    }

    private static bool IsColourOf(string palette, string sequence)
    {
        var codes = sequence.Split(';').Select(int.Parse).ToArray();
        return palette switch
        {
            "256" => codes is [38 or 48, 5, >= 0 and <= 255],
            "16" => codes is [(>= 30 and <= 37) or (>= 90 and <= 97) or (>= 40 and <= 47) or (>= 100 and <= 107)],
            _ => codes is [(>= 30 and <= 37) or (>= 40 and <= 47)],
        };
    }
}
