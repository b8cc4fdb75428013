using VidStudio.Core.Output;
using VidStudio.Web.Data;

namespace VidStudio.Web.Contracts;

/// <summary>What a completed job produced, as download paths (the shape the original API documented).</summary>
public sealed record JobResult(string? Mp4Path, int FramesCount, double DurationSeconds, JobArtifacts Artifacts)
{
    public static JobResult From(JobRecord job)
    {
        string Url(string name) => $"/api/v1/download/{job.PublicId}/{name}";
        var artifacts = JobArtifacts.From(job, Url);
        return new JobResult(
            (string?)artifacts[Mp4Output.Format.ResultField],
            job.FramesCount ?? 0,
            Math.Round(job.DurationSeconds ?? 0, 3),
            artifacts);
    }
}
