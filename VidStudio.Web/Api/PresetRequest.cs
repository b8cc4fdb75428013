using System.Text.Json;

namespace VidStudio.Web.Api;

/// <summary>The body of POST /api/v1/presets: a name and any conversion parameters (the rest take their defaults).</summary>
public sealed record PresetRequest(string? Name, JsonElement Options);
