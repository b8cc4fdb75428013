using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using VidStudio.Core.Options;
using VidStudio.Web.Configuration;
using VidStudio.Web.Jobs;

namespace VidStudio.Web.Api;

/// <summary>Queues conversions of uploaded videos.</summary>
[ApiController]
[Route("api/v1/convert")]
[Produces("application/json")]
[EnableRateLimiting(ApiRateLimit.UploadPolicy)]
public sealed class ConvertController(JobService jobs, MultipartUploadReader uploads, IOptions<VidStudioSettings> settings) : ControllerBase
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
    public async Task<IActionResult> ConvertVideo(CancellationToken cancellationToken)
    {
        using var upload = await uploads.ReadAsync(Request, FileField, 1, settings.Value.MaxFileSize, cancellationToken);
        var options = ParseOptions(upload.Fields);
        var job = (await jobs.CreateAsync([(upload.Files[0].Path, upload.Files[0].OriginalName)], options, null, cancellationToken))[0];
        return AcceptedAtAction(nameof(StatusController.GetStatus), "Status", new { job_id = job.PublicId }, JobResponse.From(job));
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
    public async Task<IActionResult> ConvertBatch(CancellationToken cancellationToken)
    {
        using var upload = await uploads.ReadAsync(Request, BatchField, settings.Value.MaxBatchFiles, settings.Value.MaxFileSize, cancellationToken);
        var options = ParseOptions(upload.Fields);
        var batchId = JobService.NewBatchId();
        var created = await jobs.CreateAsync(upload.Files.Select(f => (f.Path, f.OriginalName)).ToList(), options, batchId, cancellationToken);
        return Accepted($"/api/v1/batch/{batchId}", BatchResponse.From(batchId, created));
    }

    public const string FileField = "file";
    public const string BatchField = "files";

    private ConversionOptions ParseOptions(IReadOnlyList<KeyValuePair<string, string?>> fields)
    {
        var (options, errors) = ConversionOptionsParser.Parse(fields, jobs.Defaults);
        var all = errors.Concat(options.Validate()).ToList();
        return all.Count == 0 ? options : throw new InvalidOptionsException(all);
    }
}
