using System.IO.Compression;
using Microsoft.AspNetCore.Mvc;
using VidStudio.Core.Output;
using VidStudio.Core.Pipeline;
using VidStudio.Web.Auth;
using VidStudio.Web.Data;
using VidStudio.Web.Jobs;
using VidStudio.Web.Admission;
using VidStudio.Web.Contracts;
using VidStudio.Web.Storage;

namespace VidStudio.Web.Api;

/// <summary>Downloads of a completed job's artifacts.</summary>
[ApiController]
[Route("api/v1/download")]
public sealed class DownloadController(JobQueries jobs, IJobStorage storage) : ControllerBase
{
    /// <summary>Downloads of all frames at once: the text and PNG frames in one ZIP.</summary>
    private const string AllFramesRoute = "frames";

    /// <summary>
    /// An output's route (<c>video</c>, <c>webm</c>, <c>gif</c>, <c>cast</c>, <c>html</c>; <c>txt</c>, <c>png</c> or
    /// <c>ansi</c> as a ZIP of those frames), <c>frames</c> (ZIP of the text and PNG frames), or one artifact by name, such
    /// as <c>frame_000042.png</c> or <c>video.mp4</c>.
    /// </summary>
    /// <remarks>
    /// ZIPs are streamed while they are built: nothing is assembled in memory or on disk first. HEAD answers the same
    /// headers without the body (download managers and <c>curl -I</c> ask it first). With S3 storage, files pass through
    /// this node with their ranges, or the answer is a 302 to a short-lived URL of the store (<c>PresignDownloads</c>).
    /// </remarks>
    [HttpGet("{job_id}/{file}")]
    [HttpHead("{job_id}/{file}")]
    [ProducesArtifacts]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Download([FromRoute(Name = "job_id")] string jobId, [FromRoute] string file, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, Caller.From(User), cancellationToken) ?? throw ApiProblemException.NotFound($"There is no job '{jobId}'.");
        if (job.Status != JobStatus.Completed)
        {
            throw new ApiProblemException(StatusCodes.Status409Conflict, "Job not completed",
                $"Job '{jobId}' is {JobResponse.StatusName(job.Status)}; downloads are available once it has completed.");
        }

        OutputFormat[]? zipped = file == AllFramesRoute ? [PngFramesOutput.Format, TextFramesOutput.Format]
            : OutputFormats.ByRoute(file) is { PerFrame: true } frames ? [frames]
            : null;
        if (zipped is not null)
        {
            await StreamZipAsync(job, file, zipped, cancellationToken);
            return new EmptyResult();
        }

        return await ArtifactAsync(job, OutputFormats.ByRoute(file)?.FileName ?? file, cancellationToken);
    }

    private async Task<IActionResult> ArtifactAsync(JobRecord job, string fileName, CancellationToken cancellationToken)
    {
        // Only names the job recorded, and only inside its own folder.
        var artifact = job.Artifacts.FirstOrDefault(a => a.FileName == fileName);
        var contentType = artifact is null ? null : OutputFormats.ByKind(artifact.Kind)?.ContentType ?? "application/octet-stream";
        var downloadName = $"{job.PublicId}_{fileName}";
        var content = artifact is null ? null : await storage.OpenAsync(job.PublicId, job.StorageRun, ArtifactRecord.ToArtifacts(job.Artifacts), artifact.ToArtifact(), contentType!, downloadName, cancellationToken);
        return content switch
        {
            LocalArtifact local => PhysicalFile(local.Path, contentType!, downloadName, enableRangeProcessing: true),
            StreamedArtifact streamed => File(streamed.Content, contentType!, downloadName, enableRangeProcessing: true),
            RedirectedArtifact redirected => Redirect(redirected.Url.AbsoluteUri),
            _ => throw ApiProblemException.NotFound($"Job '{job.PublicId}' has no artifact '{fileName}'."),
        };
    }

    private async Task StreamZipAsync(JobRecord job, string name, OutputFormat[] outputs, CancellationToken cancellationToken)
    {
        var entries = job.Artifacts.Where(a => outputs.Any(output => output.Kind == a.Kind)).OrderBy(a => a.FileName, StringComparer.Ordinal).ToList();
        if (entries.Count == 0)
        {
            var switches = string.Join("/", outputs.Select(output => output.Save.Name));
            throw ApiProblemException.NotFound($"Job '{job.PublicId}' has no {name} artifacts (were they enabled with {switches}?).");
        }

        // ZipArchive writes each entry's 16-byte data descriptor synchronously, even through its async API; the entry
        // data itself is copied asynchronously, so only those few bytes block.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } bodyControl)
        {
            bodyControl.AllowSynchronousIO = true;
        }

        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{job.PublicId}_{name}.zip\"";
        if (HttpMethods.IsHead(Request.Method))
        {
            // A streamed ZIP has no length before it is built, and building it for nothing costs the whole job's reads.
            return;
        }

        await using var zip = await ZipArchive.CreateAsync(Response.Body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await foreach (var (artifact, source) in storage.ReadAllAsync(job.PublicId, job.StorageRun, ArtifactRecord.ToArtifacts(job.Artifacts), ArtifactRecord.ToArtifacts(entries), cancellationToken))
        {
            // Compressed files (PNGs are deflated) are stored: compressing them again costs CPU for nothing.
            var compressed = outputs.Any(output => output.Kind == artifact.Kind && output.Compressed);
            var entry = zip.CreateEntry(artifact.FileName, compressed ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
            await using var target = await entry.OpenAsync(cancellationToken);
            await source.CopyToAsync(target, cancellationToken);
        }
    }

    /// <summary>The content types of the downloads: a ZIP of frames, or any output's files.</summary>
    private sealed class ProducesArtifactsAttribute() : ProducesResponseTypeAttribute(
        typeof(FileResult), StatusCodes.Status200OK, "application/zip", OutputFormats.All.Select(output => output.ContentType).Distinct().ToArray());
}
