using System.Text;
using VidStudio.Core.Frames;
using VidStudio.Core.Mapping;

namespace VidStudio.Tests.Unit;

/// <summary>The character mappers on sample grids made in memory.</summary>
[Trait("Category", "Unit")]
public sealed class MapperTests
{
    private static readonly GridGeometry Geometry = GridGeometry.For(400, 100, 4, 0.5);

    /// <summary>A sample grid whose cells are uniformly the given brightnesses, left to right, row by row.</summary>
    private static byte[] Samples(params byte[] cellBrightness)
    {
        var samples = new byte[Geometry.SampleWidth * Geometry.SampleHeight];
        for (var y = 0; y < Geometry.SampleHeight; y++)
        {
            for (var x = 0; x < Geometry.SampleWidth; x++)
            {
                var cell = y / GridGeometry.SamplesPerCellY * Geometry.Columns + x / GridGeometry.SamplesPerCellX;
                samples[y * Geometry.SampleWidth + x] = cellBrightness[cell % cellBrightness.Length];
            }
        }

        return samples;
    }

    [Fact]
    public void A_ramp_maps_black_to_its_first_character_and_white_to_its_last()
    {
        Assert.Equal(1, Geometry.Rows);
        var mapper = new RampMapper(Geometry, GlyphSet.Ramps.Normal);
        var cells = new ushort[Geometry.CellCount];

        mapper.Map(Samples(0, 85, 170, 255), cells, 0);

        Assert.Equal(" ", mapper.Glyphs[cells[0]].ToString());
        Assert.Equal("@", mapper.Glyphs[cells[3]].ToString());
        Assert.True(cells[0] < cells[1] && cells[1] < cells[2] && cells[2] < cells[3], string.Join(",", cells));
    }

    [Fact]
    public void Braille_lights_every_dot_of_a_white_cell_and_none_of_a_black_one()
    {
        var mapper = new BrailleMapper(Geometry);
        var cells = new ushort[Geometry.CellCount];

        mapper.Map(Samples(0, 255), cells, 0);

        Assert.Equal(new Rune('\u2800'), mapper.Glyphs[cells[0]]);
        Assert.Equal(new Rune('\u28FF'), mapper.Glyphs[cells[1]]);
    }
}
