using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VidStudio.Core.Options;

/// <summary>
/// The one naming rule for everything a client reads or writes: snake_case (<c>ShapeBlocks</c> is <c>shape_blocks</c>),
/// for enum values in form fields, JSON, the OpenAPI enum, the CLI and the Studio alike. A value whose name cannot be an
/// identifier (palette <c>256</c>) says so with <see cref="JsonStringEnumMemberNameAttribute"/>, which JSON honours too.
/// </summary>
public static class ApiNames
{
    public static JsonNamingPolicy Policy { get; } = JsonNamingPolicy.SnakeCaseLower;

    public static string Of<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? Policy.ConvertName(value.ToString());

    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Of).ToArray();

    /// <summary>Reads a name in the API's form; dashes (the CLI's form) count as underscores, case is ignored.</summary>
    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        var name = text.Trim().Replace('-', '_');
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The JSON settings of every API payload and stored record: snake_case properties, enums by <see cref="Of{T}"/>.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = Policy;
        options.Converters.Add(new JsonStringEnumConverter(Policy));
    }
}
