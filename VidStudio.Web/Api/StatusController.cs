using Microsoft.AspNetCore.Mvc;
using VidStudio.Web.Auth;
using VidStudio.Web.Jobs;
using VidStudio.Web.Admission;
using VidStudio.Web.Contracts;

namespace VidStudio.Web.Api;

/// <summary>Where jobs and batches stand.</summary>
[ApiController]
[Route("api/v1")]
[Produces("application/json")]
public sealed class StatusController(JobQueries jobs, JobLifecycle lifecycle) : ControllerBase
{
    /// <summary>A job's status, progress (0..1), message, ETA, and its result once completed or error once failed.</summary>
    [HttpGet("status/{job_id}")]
    [ProducesResponseType<JobResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<JobResponse> GetStatus([FromRoute(Name = "job_id")] string jobId, CancellationToken cancellationToken) =>
        JobResponse.From(await jobs.GetAsync(jobId, Caller.From(User), cancellationToken) ?? throw ApiProblemException.NotFound($"There is no job '{jobId}'."));

    /// <summary>The jobs of a batch and how many have finished.</summary>
    [HttpGet("batch/{batch_id}")]
    [ProducesResponseType<BatchResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<BatchResponse> GetBatch([FromRoute(Name = "batch_id")] string batchId, CancellationToken cancellationToken)
    {
        var batch = await jobs.GetBatchAsync(batchId, Caller.From(User), cancellationToken);
        return batch.Count == 0 ? throw ApiProblemException.NotFound($"There is no batch '{batchId}'.") : BatchResponse.From(batchId, batch);
    }

    /// <summary>Jobs, newest first, a page at a time.</summary>
    [HttpGet("jobs")]
    [ProducesResponseType<JobListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<JobListResponse> List([FromQuery] int page = 1, [FromQuery(Name = "page_size")] int pageSize = 20, CancellationToken cancellationToken = default)
    {
        if (page < 1)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid page", "page must be 1 or more.", "page");
        }

        if (pageSize is < 1 or > 200)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid page size", "page_size must be between 1 and 200.", "page_size");
        }

        var (items, total) = await jobs.ListAsync(page, pageSize, Caller.From(User), withArtifacts: true, cancellationToken);
        return new JobListResponse(items.Select(JobResponse.From).ToList(), page, pageSize, total);
    }

    /// <summary>Cancels a pending or running job, or deletes a finished one with all its files.</summary>
    /// <response code="200">The job was cancelled; its record (status "cancelled") is returned.</response>
    /// <response code="204">The finished job and its files were deleted.</response>
    [HttpDelete("jobs/{job_id}")]
    [ProducesResponseType<JobResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete([FromRoute(Name = "job_id")] string jobId, CancellationToken cancellationToken)
    {
        switch (await lifecycle.CancelOrDeleteAsync(jobId, Caller.From(User), cancellationToken))
        {
            case CancelOutcome.Deleted:
                return NoContent();
            case CancelOutcome.Cancelled:
                return Ok(JobResponse.From((await jobs.GetAsync(jobId, Caller.From(User), cancellationToken))!));
            default:
                throw ApiProblemException.NotFound($"There is no job '{jobId}'.");
        }
    }
}
