using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Jobs;
using VidStudio.Web.Webhooks;
using VidStudio.Web.Admission;
using VidStudio.Web.Contracts;

namespace VidStudio.Web.Api;

/// <summary>Queues conversions of uploaded videos.</summary>
[ApiController]
[Route("api/v1/convert")]
[Produces("application/json")]
public sealed class ConvertController(
    JobSubmission jobs, ConversionRequestResolver requests, CallbackRequestReader callbacks, MultipartUploadReader uploads, UploadAdmission admission, IOptions<VidStudioSettings> settings) : ControllerBase
{
    /// <summary>Converts one video.</summary>
    /// <remarks>
    /// Multipart form: <c>file</c> plus any conversion parameter. Answers at once with the queued job;
    /// poll <c>/api/v1/status/{job_id}</c> for progress and the result.
    /// </remarks>
    [HttpPost("video")]
    [DisableRequestSizeLimit]
    [MultipartConvertForm(FileField, batch: false)]
    [ProducesResponseType<JobResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status507InsufficientStorage)]
    public async Task<IActionResult> ConvertVideo(CancellationToken cancellationToken)
    {
        // The checks that need no body come before a byte is stored.
        await admission.AdmitAsync(HttpContext);
        using var upload = await uploads.ReadAsync(Request, FileField, 1, settings.Value.MaxFileSize, cancellationToken);
        var options = await requests.ResolveAsync(upload.Fields, Caller.From(User), cancellationToken);
        var callback = await callbacks.ReadAsync(upload.Fields, cancellationToken);
        var job = (await jobs.CreateAsync([(upload.Files[0].Path, upload.Files[0].OriginalName)], options, null, Caller.From(User), cancellationToken, callback))[0];
        return AcceptedAtAction(nameof(StatusController.GetStatus), "Status", new { job_id = job.PublicId }, JobResponse.From(job) with { CallbackSecret = callback?.GeneratedSecret });
    }

    /// <summary>Converts several videos with the same parameters.</summary>
    /// <remarks>Multipart form: one or more <c>files</c> plus any conversion parameter, applied to every file.</remarks>
    [HttpPost("batch")]
    [DisableRequestSizeLimit]
    [MultipartConvertForm(BatchField, batch: true)]
    [ProducesResponseType<BatchResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status507InsufficientStorage)]
    public async Task<IActionResult> ConvertBatch(CancellationToken cancellationToken)
    {
        // The checks that need no body come before a byte is stored.
        await admission.AdmitAsync(HttpContext);
        using var upload = await uploads.ReadAsync(Request, BatchField, settings.Value.MaxBatchFiles, settings.Value.MaxFileSize, cancellationToken);
        var options = await requests.ResolveAsync(upload.Fields, Caller.From(User), cancellationToken);
        var callback = await callbacks.ReadAsync(upload.Fields, cancellationToken);
        var batchId = JobSubmission.NewBatchId();
        var created = await jobs.CreateAsync(upload.Files.Select(f => (f.Path, f.OriginalName)).ToList(), options, batchId, Caller.From(User), cancellationToken, callback);
        return Accepted($"/api/v1/batch/{batchId}", BatchResponse.From(batchId, created) with { CallbackSecret = callback?.GeneratedSecret });
    }

    public const string FileField = "file";
    public const string BatchField = "files";

}
