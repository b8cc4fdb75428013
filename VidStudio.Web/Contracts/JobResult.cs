using VidStudio.Core.Output;
using VidStudio.Web.Data;

namespace VidStudio.Web.Contracts;

// Response shapes of API v1 (SPEC §2). Serialized in snake_case: JobId → "job_id".

/// <summary>What a completed job produced, as download paths (the shape the original API documented).</summary>
public sealed record JobResult(string? Mp4Path, int FramesCount, double DurationSeconds, JobArtifacts Artifacts)
{
    public static JobResult From(JobRecord job)
    {
        string Url(string name) => $"/api/v1/download/{job.PublicId}/{name}";
        var mp4 = job.Artifacts.Any(a => a.Kind == ArtifactKind.Video) ? Url(ArtifactNames.Video) : null;
        List<string> Urls(ArtifactKind kind) => job.Artifacts.Where(a => a.Kind == kind).OrderBy(a => a.FileName, StringComparer.Ordinal).Select(a => Url(a.FileName)).ToList();
        return new JobResult(
            mp4,
            job.FramesCount ?? 0,
            Math.Round(job.DurationSeconds ?? 0, 3),
            new JobArtifacts(Urls(ArtifactKind.Text), Urls(ArtifactKind.Png), mp4, Urls(ArtifactKind.Ansi),
                job.Artifacts.Any(a => a.Kind == ArtifactKind.Cast) ? Url(ArtifactNames.Cast) : null,
                job.Artifacts.Any(a => a.Kind == ArtifactKind.Gif) ? Url(ArtifactNames.Gif) : null,
                job.Artifacts.Any(a => a.Kind == ArtifactKind.Webm) ? Url(ArtifactNames.WebmAlpha) : null,
                job.Artifacts.Any(a => a.Kind == ArtifactKind.Html) ? Url(ArtifactNames.HtmlPlayer) : null));
    }
}
