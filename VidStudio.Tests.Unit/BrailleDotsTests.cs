using VidStudio.Core.Mapping;

namespace VidStudio.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class BrailleDotsTests
{
    [Fact]
    public void Every_braille_dot_has_its_own_bit_and_together_they_fill_the_cell()
    {
        var all = 0;
        for (var row = 0; row < BrailleDots.Rows; row++)
        {
            for (var column = 0; column < BrailleDots.Columns; column++)
            {
                Assert.Equal(0, all & BrailleDots.Bit(row, column));
                all |= BrailleDots.Bit(row, column);
            }
        }

        Assert.Equal(0xFF, all);
        Assert.Equal(0x40, BrailleDots.Bit(3, 0)); // dot 7, bottom left: U+2840 is ⡀
    }
}
