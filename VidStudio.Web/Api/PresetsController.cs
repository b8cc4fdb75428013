using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using VidStudio.Web.Auth;
using VidStudio.Web.Jobs;
using VidStudio.Web.Presets;
using VidStudio.Web.Admission;
using VidStudio.Web.Contracts;

namespace VidStudio.Web.Api;

/// <summary>Named looks, usable on convert with <c>preset=NAME</c>.</summary>
[ApiController]
[Route("api/v1/presets")]
[Produces("application/json")]
public sealed class PresetsController(PresetService presets, ConversionRequestResolver requests) : ControllerBase
{
    /// <summary>Built-in presets first, then saved ones by name.</summary>
    [HttpGet]
    public async Task<IReadOnlyList<PresetResponse>> List(CancellationToken cancellationToken) =>
        (await presets.ListAsync(Caller.From(User), cancellationToken)).Select(PresetResponse.From).ToList();

    /// <summary>Saves or replaces a preset.</summary>
    /// <remarks>Body: <c>{"name": "Night shift", "options": {"style": "gradient", "text_color": "#FFB000"}}</c>.</remarks>
    [HttpPost]
    [ProducesResponseType<PresetResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Save([FromBody] PresetRequest request, CancellationToken cancellationToken)
    {
        var options = requests.ResolveWithoutPreset(request.Options.ValueKind == JsonValueKind.Object ? ApiJson.Fields(request.Options.EnumerateObject()) : []);

        var (preset, error, conflict) = await presets.SaveAsync(request.Name, options, Caller.From(User), cancellationToken);
        if (error is not null)
        {
            throw new ApiProblemException(conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
                "Invalid preset", error, "name");
        }

        return Created($"/api/v1/presets/{Uri.EscapeDataString(preset!.Name)}", PresetResponse.From(preset));
    }

    /// <summary>One preset by name.</summary>
    [HttpGet("{name}")]
    [ProducesResponseType<PresetResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<PresetResponse> Get(string name, CancellationToken cancellationToken) =>
        PresetResponse.From(await presets.GetAsync(name, Caller.From(User), cancellationToken) ?? throw ApiProblemException.NotFound($"There is no preset '{name}'."));

    /// <summary>Deletes a saved preset (built-in ones cannot be deleted).</summary>
    [HttpDelete("{name}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Delete(string name, CancellationToken cancellationToken)
    {
        if (PresetService.BuiltIn.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ApiProblemException(StatusCodes.Status409Conflict, "Built-in preset", $"'{name}' is built in and cannot be deleted.");
        }

        return await presets.DeleteAsync(name, Caller.From(User), cancellationToken) ? NoContent() : throw ApiProblemException.NotFound($"There is no preset '{name}'.");
    }
}
