using VidStudio.Core.Frames;

namespace VidStudio.Tests.Unit;

/// <summary>Sizes of a conversion, computed without ffmpeg.</summary>
[Trait("Category", "Unit")]
public sealed class GridGeometryTests
{
    [Theory]
    [InlineData(1920, 1080, 120, 0.52, 35)]
    [InlineData(1080, 1920, 120, 0.52, 111)]
    [InlineData(640, 640, 40, 0.5, 20)]
    public void Rows_follow_the_source_aspect_and_the_cell_aspect(int width, int height, int columns, double cellAspect, int rows)
    {
        var geometry = GridGeometry.For(width, height, columns, cellAspect);

        Assert.Equal(columns, geometry.Columns);
        Assert.Equal(rows, geometry.Rows);
        Assert.Equal(columns * GridGeometry.SamplesPerCellX, geometry.SampleWidth);
        Assert.Equal(rows * GridGeometry.SamplesPerCellY, geometry.SampleHeight);
    }

    [Fact]
    public void Large_sources_render_at_their_own_size_and_decode_within_the_analysis_box()
    {
        var geometry = GridGeometry.For(1920, 1080, 120, 0.52);

        Assert.Equal((1920, 1080), (geometry.RenderWidth, geometry.RenderHeight));
        Assert.Equal((640, 360), (geometry.AnalysisWidth, geometry.AnalysisHeight));
    }

    [Fact]
    public void Tiny_sources_are_rendered_at_a_whole_multiple_that_keeps_glyphs_legible()
    {
        var geometry = GridGeometry.For(1, 1, 80, 0.5);

        Assert.Equal((320, 320), (geometry.RenderWidth, geometry.RenderHeight));
        Assert.True(geometry.RenderWidth / geometry.Columns >= GridGeometry.MinCellPixelWidth);
    }

    [Theory]
    [InlineData(321, 241, 322, 242)]
    [InlineData(320, 240, 320, 240)]
    public void Odd_render_sizes_get_one_pixel_of_padding_for_yuv420p(int width, int height, int encodeWidth, int encodeHeight)
    {
        var geometry = GridGeometry.For(width, height, 40, 0.52);

        Assert.Equal((encodeWidth, encodeHeight), (geometry.EncodeWidth, geometry.EncodeHeight));
    }

    [Fact]
    public void Analysis_sizes_are_even_and_never_enlarge()
    {
        Assert.Equal((160, 90), GridGeometry.AnalysisSize(160, 90));
        Assert.Equal((2, 2), GridGeometry.AnalysisSize(1, 1));
        var (width, height) = GridGeometry.AnalysisSize(8000, 1001);
        Assert.Equal(640, width);
        Assert.Equal(0, height % 2);
    }
}
