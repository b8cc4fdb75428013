using VidStudio.Core;

namespace VidStudio.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ByteSizeTests
{
    [Theory]
    [InlineData(0L, "0 KB")]
    [InlineData(1536L, "2 KB")]
    [InlineData(16L << 20, "16 MB")]
    [InlineData((3L << 20) / 2, "1.5 MB")]
    [InlineData(20L << 30, "20 GB")]
    public void Sizes_read_in_the_largest_unit_that_fits(long bytes, string expected) => Assert.Equal(expected, ByteSize.Format(bytes));
}
