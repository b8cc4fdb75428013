using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VidStudio.Core.Options;
using VidStudio.Web.Webhooks;
using VidStudio.Web.Data;

namespace VidStudio.Web.Api;

/// <summary>Writes the multipart request body of the convert endpoints from <see cref="ConversionParameters"/>: names, types, defaults, ranges.</summary>
public sealed class MultipartFormTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var form = context.Description.ActionDescriptor.EndpointMetadata.OfType<MultipartConvertFormAttribute>().FirstOrDefault();
        if (form is null)
        {
            return Task.CompletedTask;
        }

        var file = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The video (MP4, MOV, AVI, MKV, WebM, FLV, M4V, TS, animated GIF, ...)." };
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            [form.FileField] = form.Batch
                ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = file, Description = "The videos; the parameters apply to each." }
                : file,
        };
        properties["preset"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Name of a preset (GET /api/v1/presets) whose parameters are the starting point; parameters sent with it override it.",
        };
        properties[WebhookAddressPolicy.CallbackUrlField] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Format = "uri",
            MaxLength = WebhookDeliveryRecord.MaxUrlLength,
            Description = "http(s) URL POSTed the job's status record when it completes, fails or is cancelled (signed: X-VidStudio-Signature). "
                + "Loopback, link-local and private addresses are refused (422) unless the server allows them.",
        };
        properties[CallbackRequestReader.SecretField] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            MinLength = WebhookSignature.MinSecretLength,
            MaxLength = CallbackRequestReader.MaxSecretLength,
            Description = "Key of the callback's HMAC-SHA256 signature; without one the server makes one and returns it once, as callback_secret in this answer.",
        };
        foreach (var field in ConversionParameters.All)
        {
            properties[field.Name] = Describe(field);
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties, Required = new HashSet<string> { form.FileField } },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Describe(ConversionParameter field)
    {
        var schema = new OpenApiSchema { Description = field.Help };
        switch (field.Kind)
        {
            case ParameterKind.Integer:
                schema.Type = JsonSchemaType.Integer;
                schema.Default = field.DefaultText is null ? null : JsonValue.Create(int.Parse(field.DefaultText, CultureInfo.InvariantCulture));
                break;
            case ParameterKind.Number:
                schema.Type = JsonSchemaType.Number;
                schema.Default = field.DefaultText is null ? null : JsonValue.Create(double.Parse(field.DefaultText, CultureInfo.InvariantCulture));
                break;
            case ParameterKind.Boolean:
                schema.Type = JsonSchemaType.Boolean;
                schema.Default = field.DefaultText is null ? null : JsonValue.Create(field.DefaultText == "true");
                break;
            case ParameterKind.Choice:
                schema.Type = JsonSchemaType.String;
                schema.Enum = field.Choices!.Select(c => (JsonNode)JsonValue.Create(c)).ToList();
                schema.Default = JsonValue.Create(field.DefaultText);
                break;
            case ParameterKind.ChoiceList:
                schema.Type = JsonSchemaType.String;
                schema.Description = $"{field.Help} One or more of {string.Join(", ", field.Choices!)}, separated by commas.";
                schema.Examples = [JsonValue.Create(string.Join(',', field.Choices!.Take(2)))];
                return schema;
            case ParameterKind.Color:
                schema.Type = JsonSchemaType.String;
                schema.Pattern = "^#[0-9A-Fa-f]{6}$";
                schema.Default = JsonValue.Create(field.DefaultText);
                break;
            default:
                schema.Type = JsonSchemaType.String;
                schema.MinLength = field.Min is { } minLength ? (int)minLength : null;
                schema.MaxLength = field.Max is { } maxLength ? (int)maxLength : null;
                return schema;
        }

        if (field.Kind is ParameterKind.Integer or ParameterKind.Number && field.Min is { } min && field.Max is { } max && field.Name != ConversionOptions.FieldNames.Seed)
        {
            schema.Minimum = min.ToString(CultureInfo.InvariantCulture);
            schema.Maximum = max.ToString(CultureInfo.InvariantCulture);
        }

        return schema;
    }
}
