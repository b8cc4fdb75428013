using System.Collections.ObjectModel;
using VidStudio.Core.Pipeline;
using VidStudio.Web.Data;

namespace VidStudio.Web.Contracts;

/// <summary>
/// Download paths of a job's files by output, one property per output (<c>txt_files</c>, <c>mp4</c>, …) in the
/// registry's order: a list of paths for outputs of one file per frame, one path otherwise; empty or null unless its
/// <c>save_*</c> flag asked for it.
/// </summary>
public sealed class JobArtifacts(IDictionary<string, object?> paths) : ReadOnlyDictionary<string, object?>(paths)
{
    public static JobArtifacts From(JobRecord job, Func<string, string> url) =>
        new(OutputFormats.All.ToDictionary(output => output.ResultField, object? (output) =>
        {
            var files = job.Artifacts.Where(a => a.Kind == output.Kind).Select(a => a.FileName).Order(StringComparer.Ordinal).Select(url).ToList();
            return output.PerFrame ? files : files.FirstOrDefault();
        }));
}
