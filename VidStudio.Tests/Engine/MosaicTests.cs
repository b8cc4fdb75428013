using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkiaSharp;
using VidStudio.Core.Options;
using VidStudio.Core.Output;
using VidStudio.Core.Output.Asciicast;
using VidStudio.Core.Output.HtmlPlayer;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Engine;

/// <summary>The mosaic style end to end: symbols beyond the BMP in every text output, and exact cell geometry in the pictures.</summary>
public sealed partial class MosaicTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    private const int Columns = 48;

    [GeneratedRegex("\u001b\\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Escape();

    [Fact]
    public async Task Octants_beyond_the_bmp_reach_the_text_ansi_cast_and_html_player_intact()
    {
        var source = engine.Media.TestSource("mosaic-text.mp4", 320, 180, fps: 10, seconds: 1, audio: false);
        var output = engine.Media.NewOutputFolder();
        var options = new ConversionOptions
        {
            Width = Columns, Style = AsciiStyle.Mosaic, Symbols = "octants", ColorMode = ColorMode.Cell,
            SaveTxt = true, SaveAnsi = true, SaveCast = true, SaveHtml = true, SavePng = false, SaveMp4 = false,
        };
        var result = await engine.Converter.ConvertAsync(source, output, options);

        var text = File.ReadAllText(Path.Combine(output, ArtifactNames.TextFrame(0)), new UTF8Encoding(false, throwOnInvalidBytes: true));
        var lines = text.Split('\n')[..^1];
        Assert.Equal(result.Rows, lines.Length);
        Assert.All(lines, line => Assert.Equal(Columns, line.EnumerateRunes().Count()));
        var octants = text.EnumerateRunes().Count(r => r.Value is >= 0x1CD00 and <= 0x1CDE5);
        Assert.True(octants > Columns, $"only {octants} octant code points in frame 0");
        Assert.DoesNotContain(text.EnumerateRunes(), r => r == Rune.ReplacementChar);

        var ansi = File.ReadAllText(Path.Combine(output, ArtifactNames.AnsiFrame(0)));
        Assert.Equal(text, Escape().Replace(ansi, ""));

        var firstEvent = File.ReadLines(Path.Combine(output, AsciicastOutput.FileName)).Skip(1).First();
        using var cast = JsonDocument.Parse(firstEvent);
        Assert.Equal(text, Escape().Replace(cast.RootElement[2].GetString()!, "").Replace("\r\n", "\n"));

        await using var browser = await LocalBrowser.LaunchAsync();
        var page = await browser.OpenFileAsync(Path.Combine(output, HtmlPlayerOutput.FileName));
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 15000 });
        await page.Locator("#show-text").ClickAsync();
        Assert.Equal("true", await page.Locator("#show-text").GetAttributeAsync("aria-pressed"));
        Assert.Equal(text, await page.Locator("#text").TextContentAsync());
    }

    [Fact]
    public async Task A_two_colour_card_in_mosaic_gives_pngs_of_exactly_the_two_colours()
    {
        // A bright disc on a dark ground: cells across its edge split between the two.
        var source = engine.Media.Lavfi("mosaic-disc.mp4", "nullsrc=s=320x180:r=10,geq=lum='if(lt(hypot(X-160,Y-90),60),235,16)':cb=128:cr=128", 0.5);
        var output = engine.Media.NewOutputFolder();
        RgbColor text = new(255, 32, 64), background = new(16, 48, 112);
        var options = new ConversionOptions
        {
            Width = Columns, Style = AsciiStyle.Mosaic, Symbols = "octants,blocks", TextColor = text.ToString(), BgColor = background.ToString(),
            SavePng = true, SaveMp4 = false,
        };
        await engine.Converter.ConvertAsync(source, output, options);

        using var png = SKBitmap.Decode(Path.Combine(output, ArtifactNames.PngFrame(2)));
        var counts = new Dictionary<SKColor, int>();
        for (var y = 0; y < png.Height; y++)
        {
            for (var x = 0; x < png.Width; x++)
            {
                var pixel = png.GetPixel(x, y);
                counts[pixel] = counts.GetValueOrDefault(pixel) + 1;
            }
        }

        var colours = string.Join(", ", counts.OrderByDescending(c => c.Value).Take(5).Select(c => $"{c.Key}×{c.Value}"));
        Assert.True(counts.Count == 2, $"{counts.Count} colours: {colours}");
        Assert.Contains(new SKColor(text.R, text.G, text.B), counts.Keys);
        Assert.Contains(new SKColor(background.R, background.G, background.B), counts.Keys);
        // The disc covers π·60²/(320·180) ≈ 20% of the frame.
        Assert.InRange(counts[new SKColor(text.R, text.G, text.B)] / (double)(png.Width * png.Height), 0.15, 0.25);
    }
}
