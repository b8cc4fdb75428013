using VidStudio.Core.Options;
using VidStudio.Core.Pipeline;

namespace VidStudio.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class OutputFormatsTests
{
    [Fact]
    public void Every_output_switch_of_the_parameter_table_has_one_output_in_the_same_order() =>
        Assert.Equal(ConversionParameters.Outputs, OutputFormats.SaveParameters);

    [Fact]
    public void Outputs_are_told_apart_by_kind_route_result_field_and_file_names()
    {
        var outputs = OutputFormats.All;
        Assert.Equal(outputs.Count, outputs.DistinctBy(output => output.Kind).Count());
        Assert.Equal(outputs.Count, outputs.DistinctBy(output => output.Route).Count());
        Assert.Equal(outputs.Count, outputs.DistinctBy(output => output.ResultField).Count());
        var firstFiles = outputs.SelectMany(output => output.FileNames(1)).ToList();
        Assert.Equal(firstFiles.Count, firstFiles.Distinct().Count());
    }
}
