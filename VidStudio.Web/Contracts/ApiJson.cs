using VidStudio.Core.Options;
using System.Text.Json;

namespace VidStudio.Web.Contracts;

/// <summary>JSON settings shared by controllers, the WebSocket and the tests' expectations.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options) => ApiNames.Configure(options);

    /// <summary>The API's settings as one instance, for writers outside the controllers (minimal endpoints, webhook bodies).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }

    /// <summary>A JSON object's properties as the name/value pairs the options parser reads (numbers and booleans as their JSON text).</summary>
    public static List<KeyValuePair<string, string?>> Fields(IEnumerable<JsonProperty> properties) =>
        properties.Select(p => new KeyValuePair<string, string?>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())).ToList();
}
