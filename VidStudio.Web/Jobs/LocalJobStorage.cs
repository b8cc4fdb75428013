using Microsoft.Extensions.Options;
using VidStudio.Core.Output;
using VidStudio.Web.Configuration;
using VidStudio.Web.Storage;

namespace VidStudio.Web.Jobs;

/// <summary>
/// Storage on this node's disk (<c>VidStudio:Storage:Provider local</c>): a job's source in its uploads folder, its
/// results in its results folder, which is also the folder the run writes into, so publishing moves nothing; fonts in its
/// fonts folder.
/// </summary>
public sealed class LocalJobStorage(JobFiles files, IOptions<VidStudioSettings> settings) : IJobStorage
{
    private readonly string _fonts = settings.Value.FontsPath;

    public string Provider => "local";

    // The folders are this node's disk: the disk space guard watches their room, and they are created at start-up.
    public Task<string?> CheckAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<string> StoreSourceAsync(string publicId, string stagedPath, string originalFileName, CancellationToken cancellationToken)
    {
        var path = files.InputPath(publicId, originalFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(stagedPath, path);
        return Task.FromResult(path);
    }

    public Task<RunFolder> PrepareRunAsync(string publicId, string storedSource, string sourceExtension, CancellationToken cancellationToken)
    {
        // A run always starts from an empty output folder.
        var output = files.ResultDirectory(publicId);
        JobFiles.DeleteDirectory(output);
        return Task.FromResult(new RunFolder(storedSource, output));
    }

    public Task PublishAsync(string publicId, string runId, IReadOnlyList<Artifact> artifacts, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CompletedAsync(string publicId, CancellationToken cancellationToken) => DeleteSourceAsync(publicId, cancellationToken);

    // One folder holds the job's results, whichever run wrote them.
    public Task DiscardRunAsync(string publicId, string runId, CancellationToken cancellationToken) => DeleteJobAsync(publicId, cancellationToken);

    public Task DeleteJobAsync(string publicId, CancellationToken cancellationToken)
    {
        JobFiles.DeleteDirectory(files.ResultDirectory(publicId));
        return DeleteSourceAsync(publicId, cancellationToken);
    }

    public Task DeleteSourceAsync(string publicId, CancellationToken cancellationToken)
    {
        JobFiles.DeleteDirectory(files.UploadDirectory(publicId));
        return Task.CompletedTask;
    }

    public Task<ArtifactContent?> OpenAsync(
        string publicId, string runId, IReadOnlyList<Artifact> artifacts, Artifact artifact, string contentType, string downloadName, CancellationToken cancellationToken) =>
        Task.FromResult<ArtifactContent?>(files.ResolveArtifact(publicId, artifact.FileName) is { } path ? new LocalArtifact(path) : null);

    public async IAsyncEnumerable<(Artifact Artifact, Stream Content)> ReadAllAsync(
        string publicId, string runId, IReadOnlyList<Artifact> artifacts, IReadOnlyList<Artifact> selected,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var artifact in selected)
        {
            var path = files.ResolveArtifact(publicId, artifact.FileName)
                ?? throw new InvalidOperationException($"Artifact {artifact.FileName} of job {publicId} is missing on disk.");
            await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            yield return (artifact, content);
        }
    }

    // A run writes into the job's results folder, which the job's retry empties and its deletion removes.
    public int RemoveAbandonedRuns() => 0;

    public Task StoreFontAsync(string fileName, string stagedPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_fonts);
        File.Move(stagedPath, Path.Combine(_fonts, fileName));
        return Task.CompletedTask;
    }

    public Task<string?> FontFileAsync(string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_fonts, fileName);
        return Task.FromResult(File.Exists(path) ? path : null);
    }

    public Task DeleteFontAsync(string fileName, CancellationToken cancellationToken)
    {
        File.Delete(Path.Combine(_fonts, fileName));
        return Task.CompletedTask;
    }

    // Files of a job go with it on this disk; nothing is stored apart from a job.
    public Task<int> SweepAsync(
        Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyDictionary<string, StoredNeeds>>> needs, DateTimeOffset before, CancellationToken cancellationToken) =>
        Task.FromResult(0);
}
