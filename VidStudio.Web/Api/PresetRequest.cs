using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using VidStudio.Core.Options;
using VidStudio.Web.Auth;
using VidStudio.Web.Jobs;
using VidStudio.Web.Presets;

namespace VidStudio.Web.Api;

/// <summary>The body of POST /api/v1/presets: a name and any conversion parameters (the rest take their defaults).</summary>
public sealed record PresetRequest(string? Name, JsonElement Options);
