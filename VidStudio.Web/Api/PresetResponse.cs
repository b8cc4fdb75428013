using System.Text.Json;
using VidStudio.Web.Data;
using VidStudio.Web.Presets;

namespace VidStudio.Web.Api;

public sealed record PresetResponse(string Name, bool BuiltIn, JsonElement Options)
{
    public static PresetResponse From(Preset preset) =>
        new(preset.Name, preset.BuiltIn, JobOptionsJson.ToElement(JobOptionsJson.Serialize(preset.Options)));
}
