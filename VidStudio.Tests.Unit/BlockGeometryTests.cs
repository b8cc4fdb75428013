using System.Text;
using VidStudio.Core.Mapping;
using VidStudio.Core.Options;

namespace VidStudio.Tests.Unit;

/// <summary>Mosaic symbols' code points and geometry, checked against the Unicode names they carry.</summary>
[Trait("Category", "Unit")]
public sealed class BlockGeometryTests
{
    [Fact]
    public void Every_2x3_and_2x4_pattern_has_one_character_and_the_new_ones_fill_their_unicode_ranges()
    {
        var sextants = Enumerable.Range(0, 64).Select(BlockGeometry.Sextant).ToArray();
        var octants = Enumerable.Range(0, 256).Select(BlockGeometry.Octant).ToArray();

        Assert.Equal(64, sextants.Distinct().Count());
        Assert.Equal(256, octants.Distinct().Count());
        Assert.Equal(Enumerable.Range(0x1FB00, 60), sextants.Select(r => r.Value).Where(v => v >= 0x1FB00).Order());
        Assert.Equal(Enumerable.Range(0x1CD00, 230), octants.Select(r => r.Value).Where(v => v is >= 0x1CD00 and <= 0x1CDE5).Order());
    }

    [Theory]
    // Names from UnicodeData: cells numbered 1, 2 (top row), 3, 4 … from the top left; bit n−1 is cell n.
    [InlineData(0x1FB00, 2, 3, "1")]          // BLOCK SEXTANT-1
    [InlineData(0x1FB06, 2, 3, "123")]        // BLOCK SEXTANT-123
    [InlineData(0x1FB3B, 2, 3, "23456")]      // BLOCK SEXTANT-23456
    [InlineData(0x1CD00, 2, 4, "3")]          // BLOCK OCTANT-3
    [InlineData(0x1CD0B, 2, 4, "25")]         // BLOCK OCTANT-25
    [InlineData(0x1CDE5, 2, 4, "2345678")]    // BLOCK OCTANT-2345678
    [InlineData(0x1CEA0, 2, 4, "8")]          // RIGHT HALF LOWER ONE QUARTER BLOCK
    [InlineData(0x1FBE6, 2, 4, "35")]         // MIDDLE LEFT ONE QUARTER BLOCK
    [InlineData(0x259E, 2, 2, "23")]          // QUADRANT UPPER RIGHT AND LOWER LEFT
    public void A_symbol_covers_the_cells_its_name_lists(int codePoint, int columns, int rows, string cells)
    {
        Assert.True(BlockGeometry.TryGet(new Rune(codePoint), out var geometry));
        var expected = cells.Aggregate(0, (bits, cell) => bits | 1 << (cell - '1'));
        // Compare by what is inked at each cell's centre, whatever grid the table describes the symbol with.
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var inked = geometry.InkAt((column + 0.5) / columns, (row + 0.5) / rows);
                Assert.True(inked == ((expected >> (row * columns + column) & 1) != 0), $"U+{codePoint:X}: cell {row * columns + column + 1}");
            }
        }
    }

    [Fact]
    public void The_eighth_blocks_fill_from_the_bottom_and_from_the_left()
    {
        Assert.True(BlockGeometry.TryGet(new Rune('▂'), out var lowQuarter));
        Assert.Equal((false, true), (lowQuarter.InkAt(0.5, 0.7), lowQuarter.InkAt(0.5, 0.8)));
        Assert.True(BlockGeometry.TryGet(new Rune('▊'), out var leftThreeQuarters));
        Assert.Equal((true, false), (leftThreeQuarters.InkAt(0.7, 0.5), leftThreeQuarters.InkAt(0.8, 0.5)));
        Assert.False(BlockGeometry.TryGet(new Rune('░'), out _));
    }

    [Fact]
    public void The_symbols_parameter_names_unknown_classes_and_keeps_each_symbol_once()
    {
        Assert.Null(SymbolClasses.Check("octants, Sextants"));
        Assert.Equal("symbols: 'emoji' is not a symbol class; give a comma list of ascii, blocks, shades, quadrants, sextants, octants, braille.",
            SymbolClasses.Check("octants,emoji"));
        Assert.NotNull(SymbolClasses.Check(" , "));
        var glyphs = GlyphSet.Of(SymbolClasses.Parse("quadrants,octants,quadrants"));
        Assert.Equal(256, glyphs.Count);
        Assert.Equal(glyphs.Count, glyphs.Characters.EnumerateRunes().Distinct().Count());
    }
}
