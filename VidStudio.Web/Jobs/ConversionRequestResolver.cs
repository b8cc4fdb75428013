using Microsoft.Extensions.Options;
using VidStudio.Core.Options;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Presets;

namespace VidStudio.Web.Jobs;

/// <summary>
/// Turns a request's parameters into the options of a job, the same way for REST (single and batch), the WebSocket and
/// the presets API: the installation's defaults, then the named preset (<c>preset=NAME</c>, one of the caller's or a
/// built-in), then the fields sent, validated once. Malformed, out-of-range or unknown fields, and unknown presets,
/// come back as one <see cref="InvalidOptionsException"/> naming each field.
/// </summary>
public sealed class ConversionRequestResolver(PresetService presets, IOptions<VidStudioSettings> settings)
{
    public const string PresetField = "preset";

    /// <summary>The options a request starts from: the table's defaults with the configured width, crf and fps.</summary>
    public ConversionOptions Defaults { get; } = new()
    {
        Width = settings.Value.DefaultWidth,
        Crf = settings.Value.DefaultCrf,
        Fps = settings.Value.DefaultFps,
    };

    public async Task<ConversionOptions> ResolveAsync(IReadOnlyList<KeyValuePair<string, string?>> fields, Caller caller, CancellationToken cancellationToken)
    {
        var baseline = Defaults;
        if (fields.LastOrDefault(f => f.Key == PresetField).Value is { Length: > 0 } presetName)
        {
            baseline = (await presets.GetAsync(presetName, caller, cancellationToken))?.Options
                ?? throw new InvalidOptionsException([new(PresetField, $"There is no preset '{presetName}' (GET /api/v1/presets lists them).")]);
        }

        // The callback fields belong to the job, not to its conversion (CallbackRequestReader reads them).
        return ConversionOptionsParser.ParseValid(fields.Where(f => f.Key != PresetField && !Webhooks.CallbackRequestReader.Owns(f.Key)), baseline);
    }

    /// <summary>Options given without a preset (a preset's own parameters, for instance), over the defaults.</summary>
    public ConversionOptions ResolveWithoutPreset(IEnumerable<KeyValuePair<string, string?>> fields) => ConversionOptionsParser.ParseValid(fields, Defaults);
}
