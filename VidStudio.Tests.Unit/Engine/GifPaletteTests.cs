using VidStudio.Core.Options;
using VidStudio.Core.Output.Gif;
using VidStudio.Core.Rendering;

namespace VidStudio.Tests.Engine;

[Trait("Category", "Unit")]
public class GifPaletteTests
{
    private const uint OpaqueBlack = 0xFF000000, Green = 0xFF00FF00, Transparent = 0x0000FF00;

    [Fact]
    public void Fixed_colours_give_the_blends_from_background_to_text_colour_then_the_transparent_entry()
    {
        var entries = GifPalette.For(new FramePalette(new ConversionOptions { BgColor = "#000000", TextColor = "#00FF00" }, columns: 4))!;

        Assert.Equal(256, entries.Length);
        Assert.Equal(OpaqueBlack, entries[0]);
        Assert.Equal(0xFF000100u, entries[1]);
        Assert.Equal(Green, entries[254]);
        Assert.Equal(Transparent, entries[255]);
        Assert.Equal(255, entries[..255].Distinct().Count());
    }

    [Fact]
    public void Every_blend_a_frame_can_hold_is_within_one_level_of_a_palette_colour()
    {
        var frame = new FramePalette(new ConversionOptions { BgColor = "#102030", TextColor = "#F0C080" }, columns: 4);
        var blends = new uint[256];
        Assert.True(PixelConverter.TryBuildPalette(frame, blends));
        var entries = GifPalette.For(frame)!;

        foreach (var blend in blends)
        {
            Assert.Contains(entries[..255], entry => Enumerable.Range(0, 3).All(channel => Math.Abs(Channel(entry, channel) - Channel(blend, channel)) <= 1));
        }
    }

    [Fact]
    public void A_transparent_background_leaves_the_text_colour_alone_beside_the_transparent_entry()
    {
        var entries = GifPalette.For(new FramePalette(new ConversionOptions { TextColor = "#00FF00", TransparentBg = true }, columns: 4))!;

        Assert.Equal(Green, entries[0]);
        Assert.All(entries[1..255], entry => Assert.Equal(OpaqueBlack, entry));
        Assert.Equal(Transparent, entries[255]);
    }

    [Theory]
    [InlineData(ColorMode.Cell, false)]
    [InlineData(ColorMode.Source, false)]
    [InlineData(ColorMode.Fixed, true)]
    public void Colours_that_change_from_frame_to_frame_give_no_palette(ColorMode mode, bool randomColors)
    {
        Assert.Null(GifPalette.For(new FramePalette(new ConversionOptions { ColorMode = mode, RandomColors = randomColors }, columns: 4)));
    }

    private static int Channel(uint rgba, int channel) => (int)(rgba >> (8 * channel)) & 0xFF;
}
