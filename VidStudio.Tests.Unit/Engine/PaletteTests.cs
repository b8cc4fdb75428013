using System.Text.Json;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;
using VidStudio.Core.Rendering.Palettes;

namespace VidStudio.Tests.Engine;

[Trait("Category", "Unit")]
public class PaletteTests
{
    private static readonly RgbColor Black = new(0, 0, 0), White = new(255, 255, 255);

    [Fact]
    public void OkLab_places_white_black_and_red_where_the_reference_implementation_does()
    {
        AssertLab(new OkLab(1, 0, 0), OkLab.FromRgb(White));
        AssertLab(new OkLab(0, 0, 0), OkLab.FromRgb(Black));
        // Björn Ottosson's published value for sRGB red.
        AssertLab(new OkLab(0.62796f, 0.22486f, 0.12585f), OkLab.FromRgb(new RgbColor(255, 0, 0)));
    }

    [Fact]
    public void Nearest_colour_is_perceptual_not_nearest_in_rgb()
    {
        var blackAndWhite = new ColorPalette([Black, White], TerminalColors.TrueColor);

        // Grey 119 is nearer black in RGB (119 < 127.5) but looks lighter than half-way: OKLab L is 0.57.
        Assert.Equal(White, blackAndWhite.Nearest(new RgbColor(119, 119, 119)));
        Assert.Equal(Black, blackAndWhite.Nearest(new RgbColor(90, 90, 90)));
    }

    [Fact]
    public void Nearest_colour_is_the_exhaustive_minimum_for_any_colour_cached_or_not()
    {
        var palette = new ColorPalette(NamedPalettes.Xterm256, TerminalColors.Indexed256);
        var labs = NamedPalettes.Xterm256.Select(OkLab.FromRgb).ToArray();
        var random = new Random(23);
        // Twice over the same colours: the second pass answers from the cache, with its collisions.
        var colors = Enumerable.Range(0, 5000).Select(_ => new RgbColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256))).ToArray();
        foreach (var color in colors.Concat(colors))
        {
            var lab = OkLab.FromRgb(color);
            var expected = Enumerable.Range(0, labs.Length).OrderBy(i => lab.DistanceSquaredTo(labs[i])).ThenByDescending(i => i).First();

            Assert.Equal(expected, palette.NearestIndex(color));
        }
    }

    [Fact]
    public void A_palette_colour_is_its_own_nearest_and_xterm_numbers_are_indices()
    {
        var xterm = new ColorPalette(NamedPalettes.Xterm256, TerminalColors.Indexed256);
        Assert.Equal(256, xterm.Colors.Count);
        Assert.Equal((new RgbColor(255, 0, 0), new RgbColor(95, 135, 175), new RgbColor(8, 8, 8)), (xterm.Colors[196], xterm.Colors[67], xterm.Colors[232]));
        // Black and pure red are standard colours 0 and 9 too, which terminal themes change; the cube's numbers they do not.
        Assert.Equal((16, 196), (xterm.NearestIndex(Black), xterm.NearestIndex(new RgbColor(255, 0, 0))));
        foreach (var name in Enum.GetValues<Palette>().Where(name => name is not (Palette.Full or Palette.Custom)))
        {
            var colors = NamedPalettes.ColorsOf(name);
            var palette = new ColorPalette(colors, NamedPalettes.TerminalColorsOf(name));

            Assert.All(colors, color => Assert.Equal(color, palette.Nearest(color)));
        }
    }

    [Fact]
    public void Every_colour_of_a_frame_is_a_palette_colour()
    {
        var options = new ConversionOptions { ColorMode = ColorMode.Cell, Palette = Palette.Custom, PaletteColors = "#102030, #F0E0D0,#80FF00", TextColor = "#00FF00", BgColor = "#222222" };
        var frame = new FramePalette(options, columns: 3);
        var random = new Random(5);
        RgbColor[] Sampled() => Enumerable.Range(0, 6).Select(_ => new RgbColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256))).ToArray();
        frame.ForFrame(0, Sampled(), Sampled());

        var allowed = PaletteColors.Parse(options.PaletteColors);
        Assert.All(frame.CellColors!.Concat(frame.CellBackgrounds!).Append(frame.Foreground).Append(frame.Background), color => Assert.Contains(color, allowed));
        Assert.Equal((new RgbColor(0x80, 0xFF, 0x00), new RgbColor(0x10, 0x20, 0x30)), (frame.Foreground, frame.Background));
    }

    [Fact]
    public void A_glyph_whose_colour_falls_on_its_background_s_takes_the_nearest_colour_on_its_side()
    {
        var options = new ConversionOptions { ColorMode = ColorMode.Cell, Palette = Palette.Gameboy };
        var frame = new FramePalette(options, columns: 2);
        // Both sides of each cell are nearest the same green: a thin glyph the colorizer pushed darker than its ground,
        // and a full glyph whose (hidden) background it pushed lighter. The side pushed further moves.
        frame.ForFrame(0, [new RgbColor(0x2A, 0x58, 0x2A), new RgbColor(0x30, 0x62, 0x30)], [new RgbColor(0x30, 0x62, 0x30), new RgbColor(0x3A, 0x6E, 0x3A)]);

        Assert.Equal(new RgbColor(0x30, 0x62, 0x30), frame.CellBackgrounds![0]);
        Assert.Equal(new RgbColor(0x0F, 0x38, 0x0F), frame.CellColors![0]);
        Assert.Equal(new RgbColor(0x30, 0x62, 0x30), frame.CellColors![1]);
        Assert.Equal(new RgbColor(0x8B, 0xAC, 0x0F), frame.CellBackgrounds![1]);
    }

    [Fact]
    public void Full_colour_keeps_the_sampled_colours_themselves()
    {
        var frame = new FramePalette(new ConversionOptions { ColorMode = ColorMode.Source }, columns: 2);
        var sampled = new[] { new RgbColor(1, 2, 3), new RgbColor(4, 5, 6) };
        frame.ForFrame(0, sampled);

        Assert.Same(sampled, frame.CellColors);
        Assert.Null(frame.Colors);
    }

    [Theory]
    [InlineData("256", Palette.Xterm256)]
    [InlineData("16", Palette.Standard16)]
    [InlineData("8", Palette.Standard8)]
    [InlineData("2", Palette.BlackAndWhite)]
    [InlineData("pico8", Palette.Pico8)]
    [InlineData("GAMEBOY", Palette.Gameboy)]
    public void Palette_names_read_and_write_as_the_api_spells_them(string text, Palette expected)
    {
        var options = ConversionOptionsParser.ParseValid([new("palette", text)], new ConversionOptions());

        Assert.Equal(expected, options.Palette);
        Assert.Equal(text.ToLowerInvariant(), ConversionParameters.Palette.Format(options));
        var json = new JsonSerializerOptions();
        ApiNames.Configure(json);
        Assert.Contains($"\"palette\":\"{text.ToLowerInvariant()}\"", JsonSerializer.Serialize(options, json));
        Assert.Equal(options, JsonSerializer.Deserialize<ConversionOptions>(JsonSerializer.Serialize(options, json), json));
    }

    [Fact]
    public void The_palette_choices_list_the_numbers_as_strings()
    {
        Assert.Equal(["full", "256", "16", "8", "2", "cga", "c64", "gameboy", "zx", "pico8", "custom"], ConversionParameters.Palette.Choices);
    }

    [Theory]
    [InlineData("palette", "64", "palette", "one of full, 256, 16, 8, 2, cga")]
    [InlineData("palette_colors", "#000000,#FFFFF", "palette_colors", "#RRGGBB, separated by commas (got '#FFFFF')")]
    [InlineData("palette_colors", "#000000,,#FFFFFF", "palette_colors", "(got '')")]
    [InlineData("palette_colors", "#000000", "palette_colors", "at least 2 colours (got 1)")]
    public void A_bad_palette_is_named(string field, string value, string expectedField, string expectedText)
    {
        var (options, parseErrors) = ConversionOptionsParser.Parse([new(field, value)], new ConversionOptions());
        var error = Assert.Single(parseErrors.Concat(options.Validate()));

        Assert.Equal(expectedField, error.Field);
        Assert.Contains(expectedText, error.Message);
    }

    [Fact]
    public void A_custom_palette_lists_at_most_256_colours_and_must_be_given()
    {
        var tooMany = string.Join(",", Enumerable.Range(0, 257).Select(i => $"#{i:X6}"));
        var error = Assert.Single(new ConversionOptions { PaletteColors = tooMany }.Validate());
        Assert.Equal(("palette_colors", true), (error.Field, error.Message.Contains("at most 256 colours (got 257)")));

        var missing = Assert.Single(new ConversionOptions { Palette = Palette.Custom }.Validate());
        Assert.Equal(("palette_colors", true), (missing.Field, missing.Message.Contains("palette=custom needs palette_colors")));
        Assert.Empty(new ConversionOptions { Palette = Palette.Custom, PaletteColors = string.Join(",", Enumerable.Range(0, 256).Select(i => $"#{i:X6}")) }.Validate());
    }

    private static void AssertLab(OkLab expected, OkLab actual)
    {
        Assert.Equal(expected.L, actual.L, 0.0005f);
        Assert.Equal(expected.A, actual.A, 0.0005f);
        Assert.Equal(expected.B, actual.B, 0.0005f);
    }
}
