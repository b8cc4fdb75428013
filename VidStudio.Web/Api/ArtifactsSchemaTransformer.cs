using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VidStudio.Core.Pipeline;
using VidStudio.Web.Contracts;

namespace VidStudio.Web.Api;

/// <summary>
/// <see cref="JobArtifacts"/> is a dictionary built from the output registry, which the generator would describe as
/// "any keys"; this names each output's field from the same registry, so the document lists <c>txt_files</c>,
/// <c>mp4</c>, … with their shapes and a new output appears there without an edit.
/// </summary>
public sealed class ArtifactsSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type != typeof(JobArtifacts))
        {
            return Task.CompletedTask;
        }

        schema.Type = JsonSchemaType.Object;
        schema.AdditionalProperties = null;
        schema.AdditionalPropertiesAllowed = false;
        schema.Description = "Download paths of the job's files by output; empty or null unless its save_* parameter asked for it.";
        schema.Properties = OutputFormats.All.ToDictionary(output => output.ResultField, IOpenApiSchema (output) =>
        {
            var path = new OpenApiSchema { Type = JsonSchemaType.String };
            return output.PerFrame
                ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = path, Description = $"{output.Save.Label} files, one per frame ({output.Save.Name})." }
                : new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = $"{output.Save.Label} ({output.Save.Name})." };
        });
        return Task.CompletedTask;
    }
}
