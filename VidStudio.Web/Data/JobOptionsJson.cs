using System.Text.Json;
using VidStudio.Core.Media;
using VidStudio.Core.Options;

namespace VidStudio.Web.Data;

/// <summary>How <see cref="ConversionOptions"/> is stored in the job table and shown by the API: snake_case, enums as names.</summary>
public static class JobOptionsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        ApiNames.Configure(options);
        return options;
    }

    public static string Serialize(ConversionOptions options) => JsonSerializer.Serialize(options, Options);

    /// <summary>Stored options as a JSON element for responses (the parsed document is released, not left to the GC).</summary>
    public static JsonElement ToElement(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static string Serialize(MediaInfo media) => JsonSerializer.Serialize(media, Options);

    /// <summary>The stored probe result, or null for jobs created before it was stored (they are probed when they run).</summary>
    public static MediaInfo? DeserializeMedia(string? json) => json is null ? null : JsonSerializer.Deserialize<MediaInfo>(json, Options);

    public static ConversionOptions Deserialize(string json) =>
        JsonSerializer.Deserialize<ConversionOptions>(json, Options) ?? throw new InvalidDataException("Stored options are empty.");
}
