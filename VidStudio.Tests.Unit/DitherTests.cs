using VidStudio.Core.Frames;
using VidStudio.Core.Mapping;
using VidStudio.Core.Mapping.Dithering;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;

namespace VidStudio.Tests.Unit;

/// <summary>Dithering ramp tones: the threshold maps, the three quantizers and the ramp and edge mappers that use them.</summary>
[Trait("Category", "Unit")]
public sealed class DitherTests
{
    /// <summary>64 × 32 cells: whole tiles of the 8×8 Bayer matrix, and a full 64-cell row of the blue-noise map.</summary>
    private static readonly GridGeometry Geometry = GridGeometry.For(640, 320, 64, 1.0);

    private static readonly int Levels = GlyphSet.Ramps.Normal.Length;

    /// <summary>A sample grid of one tone everywhere.</summary>
    private static byte[] Flat(byte tone) => Enumerable.Repeat(tone, Geometry.SampleWidth * Geometry.SampleHeight).ToArray();

    /// <summary>A still picture with structure: a diagonal gradient with a bright disc, every sample its own value.</summary>
    private static byte[] Picture()
    {
        var (width, height) = (Geometry.SampleWidth, Geometry.SampleHeight);
        var samples = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inDisc = Math.Pow(x - width * 0.6, 2) + Math.Pow((y - height * 0.5) * 2, 2) < Math.Pow(width * 0.2, 2);
                samples[y * width + x] = (byte)(inDisc ? 230 - y : (x + y) * 255 / (width + height));
            }
        }

        return samples;
    }

    private static ushort[] Quantize(DitherMode mode, byte tone, double strength = 1)
    {
        var levels = new ushort[Geometry.CellCount];
        ToneQuantizer.Create(new Dither(mode, strength), Levels, Geometry.Columns, Geometry.Rows)
            .Quantize(Enumerable.Repeat(tone, Geometry.CellCount).ToArray(), levels);
        return levels;
    }

    /// <summary>A tone v on the level scale, where level i's band middle is i: v·n/256 − ½.</summary>
    private static double Position(byte tone) => tone * Levels / 256.0 - 0.5;

    [Theory]
    [InlineData(DitherMode.Ordered)]
    [InlineData(DitherMode.BlueNoise)]
    public void A_screen_fixed_dither_gives_a_still_picture_the_same_cells_every_frame(DitherMode mode)
    {
        var mapper = new RampMapper(Geometry, GlyphSet.Ramps.Normal, new Dither(mode, 1));
        var (first, later) = (new ushort[Geometry.CellCount], new ushort[Geometry.CellCount]);
        var picture = Picture();

        mapper.Map(picture, first, 0);
        var undithered = new ushort[Geometry.CellCount];
        new RampMapper(Geometry, GlyphSet.Ramps.Normal).Map(picture, undithered, 0);
        Assert.NotEqual(undithered, first);
        for (var frame = 1; frame < 5; frame++)
        {
            mapper.Map(picture, later, frame);
            Assert.Equal(first, later);
        }
    }

    [Theory]
    [InlineData(DitherMode.Ordered, 128)]
    [InlineData(DitherMode.Ordered, 100)]
    [InlineData(DitherMode.Ordered, 203)]
    [InlineData(DitherMode.BlueNoise, 128)]
    [InlineData(DitherMode.BlueNoise, 100)]
    [InlineData(DitherMode.Diffusion, 128)]
    [InlineData(DitherMode.Diffusion, 100)]
    [InlineData(DitherMode.Diffusion, 40)]
    [InlineData(DitherMode.Diffusion, 203)]
    public void A_flat_grey_becomes_a_mix_of_its_two_neighbouring_levels_whose_mean_is_the_grey(DitherMode mode, byte tone)
    {
        var levels = Quantize(mode, tone);

        var lower = (int)Math.Floor(Position(tone));
        Assert.Equal([lower, lower + 1], levels.Select(level => (int)level).Distinct().Order());
        // Ordered: whole 8×8 tiles hit the tone to 1/64 of a level; blue noise: one 64-cell row of its map per grid row
        // covers its thresholds evenly but not exactly; diffusion drops the error that leaves the grid's edges.
        Assert.InRange(levels.Average(level => (double)level), Position(tone) - 0.03, Position(tone) + 0.03);
    }

    [Theory]
    [InlineData(128)]
    [InlineData(100)]
    public void Without_dither_a_flat_grey_is_one_level(byte tone)
    {
        Assert.Single(Quantize(DitherMode.None, tone).Distinct());
    }

    [Theory]
    [InlineData(DitherMode.Ordered)]
    [InlineData(DitherMode.BlueNoise)]
    [InlineData(DitherMode.Diffusion)]
    public void Strength_zero_is_no_dither_and_full_black_and_white_stay_solid(DitherMode mode)
    {
        var tones = Enumerable.Range(0, Geometry.CellCount).Select(cell => (byte)(cell * 7 % 256)).ToArray();
        var (none, zero) = (new ushort[tones.Length], new ushort[tones.Length]);
        ToneQuantizer.Create(Dither.None, Levels, Geometry.Columns, Geometry.Rows).Quantize(tones, none);
        ToneQuantizer.Create(new Dither(mode, 0), Levels, Geometry.Columns, Geometry.Rows).Quantize(tones, zero);

        Assert.Equal(none, zero);
        Assert.All(Quantize(mode, 0), level => Assert.Equal(0, level));
        Assert.All(Quantize(mode, 255), level => Assert.Equal(Levels - 1, level));
    }

    [Fact]
    public void Half_strength_mixes_in_fewer_cells_of_the_farther_level()
    {
        // 100 lies 0.41 of the way from level 3's middle to level 4's: at half strength thresholds span ¼..¾, so fewer
        // cells reach level 4 than at full strength, where the share is the tone's.
        var full = Quantize(DitherMode.Ordered, 100).Count(level => level == 4);
        var half = Quantize(DitherMode.Ordered, 100, 0.5).Count(level => level == 4);

        Assert.InRange(half, 1, full - 1);
    }

    [Fact]
    public void The_edge_styles_fill_is_dithered_too()
    {
        var cells = new ushort[Geometry.CellCount];

        new EdgeMapper(Geometry, GlyphSet.Ramps.EdgeFill, new Dither(DitherMode.Ordered, 1)).Map(Flat(128), cells, 0);

        var position = 128 * GlyphSet.Ramps.EdgeFill.Length / 256.0 - 0.5;
        Assert.Equal([3, 4], cells.Select(cell => (int)cell).Distinct().Order());
        Assert.InRange(cells.Average(cell => (double)cell), position - 0.02, position + 0.02);
    }

    [Fact]
    public void The_bayer_matrix_is_the_classic_one()
    {
        var map = ThresholdMap.Bayer8;

        Assert.Equal([0, 32, 8, 40, 2, 34, 10, 42], Enumerable.Range(0, 8).Select(x => map.RankAt(x, 0)));
        Assert.Equal(map.RankAt(3, 5), map.RankAt(3 + 8, 5 + 16));
    }

    [Fact]
    public void The_blue_noise_map_holds_every_threshold_once_and_is_regenerated_identically()
    {
        var map = ThresholdMap.BlueNoise64;
        var ranks = Enumerable.Range(0, 64 * 64).Select(i => map.RankAt(i % 64, i / 64)).ToArray();

        Assert.Equal(Enumerable.Range(0, 64 * 64), ranks.Order());
        Assert.Equal(ranks, VoidAndCluster.Ranks(64).Select(rank => (int)rank));
    }

    [Fact]
    public void The_blue_noise_maps_lowest_thresholds_are_spread_out_with_no_two_side_by_side()
    {
        // At a tenth of the cells blue noise keeps points about √10 ≈ 3 cells apart; white noise would put nearly half
        // of them next to another (8 neighbours × 1/10).
        var map = ThresholdMap.BlueNoise64;
        var lowest = map.Count / 10;
        for (var y = 0; y < map.Size; y++)
        {
            for (var x = 0; x < map.Size; x++)
            {
                if (map.RankAt(x, y) >= lowest)
                {
                    continue;
                }

                foreach (var (dx, dy) in new[] { (1, 0), (0, 1), (1, 1), (1, -1) })
                {
                    Assert.True(map.RankAt(x + dx, y + dy + map.Size) >= lowest, $"({x},{y}) and its neighbour ({dx},{dy}) are both among the lowest tenth");
                }
            }
        }
    }

    [Fact]
    public void Every_8x8_window_of_the_blue_noise_map_averages_close_to_one_half()
    {
        // No low frequencies: thresholds drawn at random would stray up to about 0.12 in some window (3.5 σ of 0.036).
        var map = ThresholdMap.BlueNoise64;
        for (var y = 0; y < map.Size; y++)
        {
            for (var x = 0; x < map.Size; x++)
            {
                var mean = Enumerable.Range(0, 64).Average(i => map.At(x + i % 8, y + i / 8));
                Assert.InRange(mean, 0.45, 0.55);
            }
        }
    }

    /// <summary>The cell colours a palette chooses for a frame of <see cref="Geometry"/> in one colour.</summary>
    private static RgbColor[] PaletteColorsOf(ConversionOptions options, RgbColor color)
    {
        var frame = new FramePalette(options with { ColorMode = ColorMode.Source }, Geometry.Columns);
        frame.ForFrame(0, Enumerable.Repeat(color, Geometry.CellCount).ToArray());
        return frame.CellColors!;
    }

    [Theory]
    [InlineData(DitherMode.Ordered)]
    [InlineData(DitherMode.BlueNoise)]
    [InlineData(DitherMode.Diffusion)]
    public void A_flat_grey_in_black_and_white_becomes_a_mix_whose_mean_is_the_grey(DitherMode mode)
    {
        var grey = new RgbColor(100, 100, 100);

        var chosen = PaletteColorsOf(new ConversionOptions { Palette = Palette.BlackAndWhite, Dither = mode }, grey);
        var undithered = PaletteColorsOf(new ConversionOptions { Palette = Palette.BlackAndWhite }, grey);

        Assert.Single(undithered.Distinct());
        Assert.Equal(2, chosen.Distinct().Count());
        Assert.InRange(chosen.Average(color => (double)color.R), 100 - 4, 100 + 4);
    }

    [Theory]
    [InlineData(DitherMode.Ordered)]
    [InlineData(DitherMode.BlueNoise)]
    [InlineData(DitherMode.Diffusion)]
    public void A_colour_between_two_palette_colours_becomes_a_mix_of_them_whose_mean_is_the_colour(DitherMode mode)
    {
        var options = new ConversionOptions { Palette = Palette.Custom, PaletteColors = "#000000,#C00000,#FFFFFF,#0000FF", Dither = mode };
        var darkRed = new RgbColor(80, 0, 0);

        var chosen = PaletteColorsOf(options, darkRed);

        Assert.Equal([new RgbColor(0, 0, 0), new RgbColor(0xC0, 0, 0)], chosen.Distinct().OrderBy(color => color.R));
        Assert.InRange(chosen.Average(color => (double)color.R), 80 - 4, 80 + 4);
    }

    [Fact]
    public void Diffusion_keeps_a_colours_mean_on_every_channel_among_the_corners_of_the_rgb_cube()
    {
        var options = new ConversionOptions { Palette = Palette.Custom, PaletteColors = "#000000,#FF0000,#00FF00,#0000FF,#FFFF00,#FF00FF,#00FFFF,#FFFFFF", Dither = DitherMode.Diffusion };
        var color = new RgbColor(200, 60, 120);

        var chosen = PaletteColorsOf(options, color);

        Assert.InRange(chosen.Average(c => (double)c.R), color.R - 4, color.R + 4);
        Assert.InRange(chosen.Average(c => (double)c.G), color.G - 4, color.G + 4);
        Assert.InRange(chosen.Average(c => (double)c.B), color.B - 4, color.B + 4);
    }

    [Theory]
    [InlineData(DitherMode.Ordered)]
    [InlineData(DitherMode.BlueNoise)]
    public void A_screen_fixed_palette_dither_gives_a_still_picture_the_same_colours_every_frame(DitherMode mode)
    {
        var frame = new FramePalette(new ConversionOptions { ColorMode = ColorMode.Cell, Palette = Palette.Standard16, Dither = mode }, Geometry.Columns);
        var random = new Random(7);
        RgbColor[] Sampled() => Enumerable.Range(0, Geometry.CellCount).Select(_ => new RgbColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256))).ToArray();
        var (glyphs, backgrounds) = (Sampled(), Sampled());

        frame.ForFrame(0, glyphs, backgrounds);
        var (firstGlyphs, firstBackgrounds) = (frame.CellColors!.ToArray(), frame.CellBackgrounds!.ToArray());
        frame.ForFrame(1, glyphs, backgrounds);

        Assert.Equal(firstGlyphs, frame.CellColors!);
        Assert.Equal(firstBackgrounds, frame.CellBackgrounds!);
    }
}
