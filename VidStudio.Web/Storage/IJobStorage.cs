using VidStudio.Core.Output;

namespace VidStudio.Web.Storage;

/// <summary>
/// Where jobs' sources and results live: the one way the submission, the conversion job, downloads, deletion and
/// cleanup reach them. A run converts into a folder on its own node (<see cref="PrepareRunAsync"/>) and publishes the
/// artifacts it wrote (<see cref="PublishAsync"/>) before the job's record lists them, so the record is the listing and
/// results appear whole or not at all. Results live under the job's id and the run that wrote them. Uploaded fonts are
/// kept here too, as a job's font must reach whichever node runs it.
/// </summary>
public interface IJobStorage
{
    /// <summary><c>local</c> or <c>s3</c>, as the health report names it.</summary>
    string Provider { get; }

    /// <summary>Null when the store answers now; else what is wrong, naming the setting to look at (start-up and the health report ask).</summary>
    Task<string?> CheckAsync(CancellationToken cancellationToken);

    /// <summary>Keeps a checked upload as the job's source and gives what the job records to find it (a path or an object key).</summary>
    /// <exception cref="StorageUnavailableException">The store cannot be reached; the staged file is left where it was.</exception>
    Task<string> StoreSourceAsync(string publicId, string stagedPath, string originalFileName, CancellationToken cancellationToken);

    /// <summary>The source as a file on this node, and the output folder for a run, which does not exist yet (the converter creates it).</summary>
    /// <remarks><paramref name="sourceExtension"/> is the upload's sanitised extension (<c>.mp4</c>), for a source fetched to this node.</remarks>
    Task<RunFolder> PrepareRunAsync(string publicId, string storedSource, string sourceExtension, CancellationToken cancellationToken);

    /// <summary>Makes the run's artifacts (files of its output folder) downloadable under <paramref name="runId"/>.</summary>
    Task PublishAsync(string publicId, string runId, IReadOnlyList<Artifact> artifacts, CancellationToken cancellationToken);

    /// <summary>The job completed: its source is no longer needed, nor anything the run kept on this node.</summary>
    Task CompletedAsync(string publicId, CancellationToken cancellationToken);

    /// <summary>A run that did not complete the job: what it wrote or published, and the source, go.</summary>
    Task DiscardRunAsync(string publicId, string runId, CancellationToken cancellationToken);

    /// <summary>Everything of the job: its source and every run's results.</summary>
    Task DeleteJobAsync(string publicId, CancellationToken cancellationToken);

    /// <summary>Only the source (a job cancelled before it ran).</summary>
    Task DeleteSourceAsync(string publicId, CancellationToken cancellationToken);

    /// <summary>
    /// One artifact of a completed job for a download; <paramref name="artifacts"/> are all the job's (a frame is found
    /// inside its output's pack by the sizes of the frames before it). Null when it is not there.
    /// </summary>
    /// <remarks><paramref name="contentType"/> and <paramref name="downloadName"/> are what a presigned URL answers with.</remarks>
    Task<ArtifactContent?> OpenAsync(
        string publicId, string runId, IReadOnlyList<Artifact> artifacts, Artifact artifact, string contentType, string downloadName, CancellationToken cancellationToken);

    /// <summary>The contents of <paramref name="selected"/>, output by output, each stream read before the next is asked for (a ZIP download).</summary>
    IAsyncEnumerable<(Artifact Artifact, Stream Content)> ReadAllAsync(
        string publicId, string runId, IReadOnlyList<Artifact> artifacts, IReadOnlyList<Artifact> selected, CancellationToken cancellationToken);

    /// <summary>
    /// Removes what runs that ended with their process (a crash, an out-of-memory kill) left on this node's disk; called
    /// at start-up, before this node runs anything. Returns how many runs' files were removed.
    /// </summary>
    int RemoveAbandonedRuns();

    /// <summary>
    /// Keeps an uploaded font's file under <paramref name="fileName"/> (a name the font catalog made, never the user's),
    /// so a job finds it on any node; the staged file is moved, or removed once stored.
    /// </summary>
    /// <exception cref="StorageUnavailableException">The store cannot be reached; the staged file is left where it was.</exception>
    Task StoreFontAsync(string fileName, string stagedPath, CancellationToken cancellationToken);

    /// <summary>The font's file as a path on this node (a stored copy is fetched once: a font's file never changes under its name); null when there is none.</summary>
    Task<string?> FontFileAsync(string fileName, CancellationToken cancellationToken);

    /// <summary>The font's file, wherever it is kept.</summary>
    Task DeleteFontAsync(string fileName, CancellationToken cancellationToken);

    /// <summary>
    /// Removes stored objects older than <paramref name="before"/> that no job needs (<paramref name="needs"/> tells, for
    /// the job ids found, what each still needs; an id it leaves out needs nothing) and multipart uploads started before
    /// it. Returns how many jobs' objects were removed.
    /// </summary>
    Task<int> SweepAsync(Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyDictionary<string, StoredNeeds>>> needs, DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>Where a run works on its node: its source as a file, and the empty folder its artifacts are written into.</summary>
public sealed record RunFolder(string SourcePath, string OutputDirectory);

/// <summary>What a job still needs from the store: its source (unfinished), and the results of one run (its current or completed run).</summary>
public sealed record StoredNeeds(bool Source, string? ResultsRun);

/// <summary>What a download answers with.</summary>
public abstract record ArtifactContent
{
    /// <summary>The bytes as UTF-8 text (a page showing a text frame); null for a URL only the client can fetch.</summary>
    public async Task<string?> ReadTextAsync(CancellationToken cancellationToken)
    {
        switch (this)
        {
            case LocalArtifact local:
                return await File.ReadAllTextAsync(local.Path, cancellationToken);
            case StreamedArtifact streamed:
                await using (streamed.Content)
                {
                    using var reader = new StreamReader(streamed.Content);
                    return await reader.ReadToEndAsync(cancellationToken);
                }

            default:
                return null;
        }
    }
}

/// <summary>A file on this node.</summary>
public sealed record LocalArtifact(string Path) : ArtifactContent;

/// <summary>A seekable stream of the bytes, read from the store as the response is written.</summary>
public sealed record StreamedArtifact(Stream Content) : ArtifactContent;

/// <summary>A short-lived URL the client fetches the bytes from itself.</summary>
public sealed record RedirectedArtifact(Uri Url) : ArtifactContent;

/// <summary>The store cannot be reached; new work is refused until it answers again.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
