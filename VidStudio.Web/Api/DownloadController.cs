using System.IO.Compression;
using Microsoft.AspNetCore.Mvc;
using VidStudio.Core.Output;
using VidStudio.Web.Auth;
using VidStudio.Web.Data;
using VidStudio.Web.Jobs;
using VidStudio.Web.Admission;
using VidStudio.Web.Contracts;

namespace VidStudio.Web.Api;

/// <summary>Downloads of a completed job's artifacts.</summary>
[ApiController]
[Route("api/v1/download")]
public sealed class DownloadController(JobQueries jobs, JobFiles files) : ControllerBase
{
    /// <summary>
    /// <c>video</c> (the MP4), <c>webm</c> (with alpha), <c>gif</c>, <c>cast</c> (the asciicast), <c>frames</c> (ZIP of all frames), <c>txt</c>, <c>png</c> or <c>ansi</c> (ZIP of those frames),
    /// or one artifact by name, such as <c>frame_000042.png</c> or <c>video.mp4</c>.
    /// </summary>
    /// <remarks>
    /// ZIPs are streamed while they are built: nothing is assembled in memory or on disk first. HEAD answers the same
    /// headers without the body (download managers and <c>curl -I</c> ask it first).
    /// </remarks>
    [HttpGet("{job_id}/{file}")]
    [HttpHead("{job_id}/{file}")]
    [ProducesResponseType<FileResult>(StatusCodes.Status200OK, "video/mp4", "application/zip", "image/png", "text/plain", "application/x-asciicast", "image/gif", "video/webm")]
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

        switch (file)
        {
            case "video":
                return Artifact(job, ArtifactNames.Video);
            case "frames":
                await StreamZipAsync(job, "frames", [ArtifactKind.Text, ArtifactKind.Png], cancellationToken);
                return new EmptyResult();
            case "txt":
                await StreamZipAsync(job, "txt", [ArtifactKind.Text], cancellationToken);
                return new EmptyResult();
            case "png":
                await StreamZipAsync(job, "png", [ArtifactKind.Png], cancellationToken);
                return new EmptyResult();
            case "ansi":
                await StreamZipAsync(job, "ansi", [ArtifactKind.Ansi], cancellationToken);
                return new EmptyResult();
            case "cast":
                return Artifact(job, ArtifactNames.Cast);
            case "gif":
                return Artifact(job, ArtifactNames.Gif);
            case "webm":
                return Artifact(job, ArtifactNames.WebmAlpha);
            case "html":
                return Artifact(job, ArtifactNames.HtmlPlayer);
            default:
                return Artifact(job, file);
        }
    }

    private PhysicalFileResult Artifact(JobRecord job, string fileName)
    {
        // Only names the job recorded, and only inside its own folder.
        var path = job.Artifacts.Any(a => a.FileName == fileName) ? files.ResolveArtifact(job.PublicId, fileName) : null;
        if (path is null)
        {
            throw ApiProblemException.NotFound($"Job '{job.PublicId}' has no artifact '{fileName}'.");
        }

        var contentType = Path.GetExtension(fileName) switch
        {
            ".mp4" => "video/mp4",
            ".png" => "image/png",
            ".txt" or ".ans" => "text/plain; charset=utf-8",
            ".cast" => "application/x-asciicast",
            ".gif" => "image/gif",
            ".webm" => "video/webm",
            ".html" => "text/html; charset=utf-8",
            _ => "application/octet-stream",
        };
        return PhysicalFile(path, contentType, $"{job.PublicId}_{fileName}", enableRangeProcessing: true);
    }

    private async Task StreamZipAsync(JobRecord job, string name, ArtifactKind[] kinds, CancellationToken cancellationToken)
    {
        var entries = job.Artifacts.Where(a => kinds.Contains(a.Kind)).OrderBy(a => a.FileName, StringComparer.Ordinal).ToList();
        if (entries.Count == 0)
        {
            throw ApiProblemException.NotFound($"Job '{job.PublicId}' has no {name} artifacts (were they enabled with save_{(name == "frames" ? "png/save_txt" : name)}?).");
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
        foreach (var artifact in entries)
        {
            var path = files.ResolveArtifact(job.PublicId, artifact.FileName)
                ?? throw new InvalidOperationException($"Artifact {artifact.FileName} of job {job.PublicId} is missing on disk.");
            // PNGs are already deflated; compressing them again costs CPU for nothing.
            var entry = zip.CreateEntry(artifact.FileName, artifact.Kind == ArtifactKind.Png ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
            await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await using var target = await entry.OpenAsync(cancellationToken);
            await source.CopyToAsync(target, cancellationToken);
        }
    }
}
