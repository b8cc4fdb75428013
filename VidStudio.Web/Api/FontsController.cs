using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VidStudio.Web.Admission;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Fonts;

namespace VidStudio.Web.Api;

/// <summary>The fonts the <c>font</c> parameter can name: bundled ones and your uploads.</summary>
[ApiController]
[Route("api/v1/fonts")]
[Produces("application/json")]
public sealed class FontsController(FontCatalog fonts, MultipartUploadReader uploads, IOptions<VidStudioSettings> settings) : ControllerBase
{
    private const string FileField = "file";

    /// <summary>The bundled fonts installed on this server, then yours by name.</summary>
    /// <remarks><c>cell_aspect</c> is a character cell's width / height: with the source's aspect it sets the row count.</remarks>
    [HttpGet]
    public Task<IReadOnlyList<FontInfo>> List(CancellationToken cancellationToken) => fonts.ListAsync(Caller.From(User), cancellationToken);

    /// <summary>Uploads a TrueType or OpenType font under a name of yours.</summary>
    /// <remarks>
    /// Multipart form: <c>file</c> (the font, at most the MaxFontFileSize setting) and <c>name</c> (letters, digits,
    /// <c>-_.</c>). The file is read as a font before it is stored: one that is not a font, or cannot draw the ASCII letters
    /// and digits, is refused with 422.
    /// </remarks>
    [HttpPost]
    [DisableRequestSizeLimit]
    [StreamedForm]
    [ProducesResponseType<FontInfo>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> Upload(CancellationToken cancellationToken)
    {
        using var upload = await uploads.ReadAsync(Request, FileField, 1, settings.Value.MaxFontFileSize, cancellationToken, nameof(VidStudioSettings.MaxFontFileSize));
        var unknown = upload.Fields.Select(f => f.Key).FirstOrDefault(key => key != "name");
        if (unknown is not null)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Unknown field", $"A font upload has the fields '{FileField}' and 'name' (got '{unknown}').", unknown);
        }

        var name = upload.Fields.LastOrDefault(f => f.Key == "name").Value;
        var (font, refusal, reason) = await fonts.AddAsync(name, upload.Files[0].Path, Caller.From(User), cancellationToken);
        return refusal switch
        {
            null => Created($"/api/v1/fonts/{Uri.EscapeDataString(font!.Name)}", font),
            FontRefusal.NotAFont => throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Not a usable font", reason!, FileField),
            FontRefusal.NameTaken => throw new ApiProblemException(StatusCodes.Status409Conflict, "Font name taken", reason!, "name"),
            FontRefusal.StorageUnavailable => throw ApiProblemException.StorageUnavailable(reason!),
            _ => throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid font name", reason!, "name"),
        };
    }

    /// <summary>Deletes one of your fonts (an admin may delete anyone's); bundled fonts cannot be deleted.</summary>
    /// <remarks>Jobs still waiting with this font fail when they run, saying the font is gone.</remarks>
    [HttpDelete("{name}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> Delete(string name, CancellationToken cancellationToken) =>
        await fonts.DeleteAsync(name, Caller.From(User), cancellationToken) switch
        {
            null => NoContent(),
            FontRefusal.Bundled => throw new ApiProblemException(StatusCodes.Status409Conflict, "Bundled font", $"'{name}' is bundled with the server and cannot be deleted."),
            FontRefusal.StorageUnavailable => throw ApiProblemException.StorageUnavailable($"The font '{name}' cannot be deleted while the storage does not answer; try again once it is back."),
            FontRefusal.Ambiguous => throw new ApiProblemException(StatusCodes.Status409Conflict, "Several fonts of that name",
                $"Several users have a font named '{name}'; it can be deleted by its owner."),
            _ => throw ApiProblemException.NotFound($"There is no font '{name}' of yours."),
        };
}
