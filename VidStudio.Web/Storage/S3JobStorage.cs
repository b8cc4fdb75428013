using System.Collections.Concurrent;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using VidStudio.Core.Output;
using VidStudio.Core.Pipeline;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Storage;

/// <summary>
/// Storage in a bucket of an S3-compatible store (<c>VidStudio:Storage:Provider s3</c>), so nodes share no disk. Keys,
/// under <see cref="S3StorageSettings.Prefix"/>: <c>sources/{job}</c> for the upload, <c>results/{job}/{run}/{file}</c>
/// for results, where a per-frame output is one pack (<see cref="FramePack"/>), <c>fonts/{file}</c> for uploaded fonts
/// (and <c>keys/</c>, <see cref="StoredKeyRepository"/>). Runs work in <c>DataDirectory/work/{job}</c> on their node,
/// which is removed when the run ends; fonts a node has used stay in its fonts folder as a cache.
/// </summary>
public sealed partial class S3JobStorage(IAmazonS3 client, IOptions<VidStudioSettings> options, ILogger<S3JobStorage> logger) : IJobStorage
{
    /// <summary>Files up to this size are one PUT; larger ones go in parts of this size (each read from the file, never held whole).</summary>
    private const long PartSize = 16L * 1024 * 1024;

    private const string RunLockName = ".run";

    private static readonly TimeSpan PresignedLifetime = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private readonly S3StorageSettings _s3 = options.Value.Storage.S3;
    private readonly string _work = Path.Combine(options.Value.DataPath, "work");
    private readonly string _fontCache = options.Value.FontsPath;
    private readonly ConcurrentDictionary<string, FileStream> _runLocks = new();

    private string Bucket => _s3.Bucket!;

    private string Prefix => _s3.KeyPrefix;

    public string Provider => "s3";

    /// <summary>The client the settings describe.</summary>
    public static IAmazonS3 CreateClient(S3StorageSettings s3)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            // Checksums only where the API requires them: several S3-compatible stores reject the newer trailing ones.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // A store that is down answers the health report and uploads quickly instead of after minutes of retries.
            MaxErrorRetry = 2,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (!string.IsNullOrWhiteSpace(s3.ServiceUrl))
        {
            config.ServiceURL = s3.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(s3.Region) ? "us-east-1" : s3.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
        }

        return string.IsNullOrEmpty(s3.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
    }

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        const string Section = S3StorageSettings.Section;
        // A store that takes connections but never answers must not hold a health probe for the client's retries (~90 s).
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(CheckTimeout);
        try
        {
            await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = Prefix, MaxKeys = 1 }, bounded.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{Section}:ServiceUrl: the store at '{Endpoint}' did not answer within {CheckTimeout.TotalSeconds:0} s.";
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return $"{Section}:Bucket: the store has no bucket '{Bucket}' ({e.ErrorCode}).";
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            return $"{Section}:AccessKey: the store refused these credentials for bucket '{Bucket}' ({e.ErrorCode}: {e.Message}).";
        }
        catch (Exception e) when (StoreFailures.Is(e))
        {
            return $"{Section}:ServiceUrl: the store at '{Endpoint}' cannot be reached ({e.GetType().Name}: {e.Message}).";
        }
    }

    private string Endpoint => string.IsNullOrWhiteSpace(_s3.ServiceUrl) ? $"AWS {_s3.Region}" : _s3.ServiceUrl;

    public async Task<string> StoreSourceAsync(string publicId, string stagedPath, string originalFileName, CancellationToken cancellationToken)
    {
        var key = SourceKey(publicId);
        await GuardAsync("take the upload", () => PutFileAsync(key, stagedPath, cancellationToken));
        File.Delete(stagedPath);
        return key;
    }

    public async Task<RunFolder> PrepareRunAsync(string publicId, string storedSource, string sourceExtension, CancellationToken cancellationToken)
    {
        var folder = WorkFolder(publicId);
        EndWork(publicId);
        Directory.CreateDirectory(folder);
        // Held while the run lasts; the lock dies with the process, which tells a crashed run's folder (RemoveAbandonedRuns).
        _runLocks[publicId] = new FileStream(Path.Combine(folder, RunLockName), FileMode.Create, FileAccess.Write, FileShare.None);
        var source = Path.Combine(folder, "source" + sourceExtension);
        await DownloadAsync(storedSource, source, cancellationToken);
        // The converter creates its output folder; it must not exist yet, as with local storage.
        return new RunFolder(source, Path.Combine(folder, "output"));
    }

    public async Task PublishAsync(string publicId, string runId, IReadOnlyList<Artifact> artifacts, CancellationToken cancellationToken)
    {
        var folder = WorkFolder(publicId);
        var output = Path.Combine(folder, "output");
        foreach (var format in OutputFormats.All)
        {
            var written = artifacts.Where(a => a.Kind == format.Kind).ToList();
            if (written.Count == 0)
            {
                continue;
            }

            if (format.PerFrame)
            {
                var pack = Path.Combine(folder, FramePack.ObjectName(format));
                await using (var target = new FileStream(pack, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                {
                    await FramePack.WriteAsync(output, FramePack.Ordered(written), target, cancellationToken);
                }

                await PutFileAsync(ResultKey(publicId, runId, FramePack.ObjectName(format)), pack, cancellationToken);
                continue;
            }

            foreach (var artifact in written)
            {
                await PutFileAsync(ResultKey(publicId, runId, artifact.FileName), Path.Combine(output, artifact.FileName), cancellationToken);
            }
        }
    }

    public async Task CompletedAsync(string publicId, CancellationToken cancellationToken)
    {
        EndWork(publicId);
        await DeleteSourceAsync(publicId, cancellationToken);
    }

    public async Task DiscardRunAsync(string publicId, string runId, CancellationToken cancellationToken)
    {
        EndWork(publicId);
        await DeletePrefixAsync($"{ResultsPrefix(publicId)}{runId}/", cancellationToken);
        await DeleteSourceAsync(publicId, cancellationToken);
    }

    public async Task DeleteJobAsync(string publicId, CancellationToken cancellationToken)
    {
        EndWork(publicId);
        await DeletePrefixAsync(ResultsPrefix(publicId), cancellationToken);
        await DeleteSourceAsync(publicId, cancellationToken);
    }

    public Task DeleteSourceAsync(string publicId, CancellationToken cancellationToken) =>
        client.DeleteObjectAsync(Bucket, SourceKey(publicId), cancellationToken);

    public async Task<ArtifactContent?> OpenAsync(
        string publicId, string runId, IReadOnlyList<Artifact> artifacts, Artifact artifact, string contentType, string downloadName, CancellationToken cancellationToken)
    {
        if (OutputFormats.ByKind(artifact.Kind) is { PerFrame: true } format)
        {
            // A frame is a slice of its pack, which a presigned URL cannot name: it passes through this node.
            var offsets = FramePack.DataOffsets(FramePack.Ordered(artifacts.Where(a => a.Kind == artifact.Kind)));
            return await StreamAsync(ResultKey(publicId, runId, FramePack.ObjectName(format)), offsets[artifact.FileName], artifact.SizeBytes, cancellationToken);
        }

        var key = ResultKey(publicId, runId, artifact.FileName);
        if (!_s3.PresignDownloads)
        {
            return await StreamAsync(key, 0, artifact.SizeBytes, cancellationToken);
        }

        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow + PresignedLifetime,
            Protocol = _s3.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
            ResponseHeaderOverrides = new ResponseHeaderOverrides
            {
                ContentType = contentType,
                ContentDisposition = $"attachment; filename=\"{downloadName}\"",
            },
        });
        return new RedirectedArtifact(new Uri(url));
    }

    /// <summary>The bytes, their first GET made; null when the object is not there (an operator removed it).</summary>
    private async Task<ArtifactContent?> StreamAsync(string key, long start, long length, CancellationToken cancellationToken)
    {
        try
        {
            return new StreamedArtifact(await RangedObjectStream.OpenAsync(client, Bucket, key, start, length, cancellationToken));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<(Artifact Artifact, Stream Content)> ReadAllAsync(
        string publicId, string runId, IReadOnlyList<Artifact> artifacts, IReadOnlyList<Artifact> selected,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var group in selected.GroupBy(a => a.Kind))
        {
            if (OutputFormats.ByKind(group.Key) is not { PerFrame: true } format)
            {
                foreach (var artifact in group)
                {
                    await using var content = new RangedObjectStream(client, Bucket, ResultKey(publicId, runId, artifact.FileName), 0, artifact.SizeBytes);
                    yield return (artifact, content);
                }

                continue;
            }

            // One GET reads the pack through from the first wanted frame to the last; the headers between frames are skipped.
            var offsets = FramePack.DataOffsets(FramePack.Ordered(artifacts.Where(a => a.Kind == group.Key)));
            var wanted = FramePack.Ordered(group);
            var first = offsets[wanted[0].FileName];
            var end = offsets[wanted[^1].FileName] + wanted[^1].SizeBytes;
            await using var pack = new RangedObjectStream(client, Bucket, ResultKey(publicId, runId, FramePack.ObjectName(format)), first, end - first);
            foreach (var frame in wanted)
            {
                var skip = offsets[frame.FileName] - first - pack.Position;
                await SkipAsync(pack, skip, cancellationToken);
                var bytes = new byte[frame.SizeBytes];
                await pack.ReadExactlyAsync(bytes, cancellationToken);
                using var content = new MemoryStream(bytes, writable: false);
                yield return (frame, content);
            }
        }
    }

    public async Task StoreFontAsync(string fileName, string stagedPath, CancellationToken cancellationToken)
    {
        await GuardAsync("take the font", () => PutFileAsync(FontKey(fileName), stagedPath, cancellationToken));
        File.Delete(stagedPath);
    }

    public async Task<string?> FontFileAsync(string fileName, CancellationToken cancellationToken)
    {
        var cached = Path.Combine(_fontCache, fileName);
        if (File.Exists(cached))
        {
            return cached;
        }

        Directory.CreateDirectory(_fontCache);
        // Fetched beside the cache and moved into it whole, so a run beside this one never loads half a font.
        var partial = cached + "." + Guid.NewGuid().ToString("N") + ArtifactNames.PartialSuffix;
        try
        {
            await DownloadAsync(FontKey(fileName), partial, cancellationToken);
            File.Move(partial, cached, overwrite: true);
            return cached;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public async Task DeleteFontAsync(string fileName, CancellationToken cancellationToken)
    {
        await GuardAsync("delete the font", () => client.DeleteObjectAsync(Bucket, FontKey(fileName), cancellationToken));
        File.Delete(Path.Combine(_fontCache, fileName));
    }

    public async Task<int> SweepAsync(
        Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyDictionary<string, StoredNeeds>>> needs, DateTimeOffset before, CancellationToken cancellationToken)
    {
        // Job id → the runs with results, and whether a source is stored; only objects older than the cut-off count.
        var found = new Dictionary<string, (bool Source, HashSet<string> Runs)>();
        await foreach (var stored in client.ListAllAsync(Bucket, Prefix, cancellationToken))
        {
            if (stored.LastModified is { } modified && modified >= before.UtcDateTime)
            {
                continue;
            }

            var parts = stored.Key[Prefix.Length..].Split('/');
            if (parts is ["sources", var sourceJob])
            {
                var entry = found.GetValueOrDefault(sourceJob, (false, []));
                found[sourceJob] = (true, entry.Runs);
            }
            else if (parts is ["results", var resultJob, var run, ..])
            {
                var entry = found.GetValueOrDefault(resultJob, (false, []));
                entry.Runs.Add(run);
                found[resultJob] = entry;
            }
        }

        var needed = found.Count == 0 ? new Dictionary<string, StoredNeeds>() : await needs(found.Keys, cancellationToken);
        var swept = 0;
        foreach (var (job, (source, runs)) in found)
        {
            var need = needed.GetValueOrDefault(job, new StoredNeeds(false, null));
            var removed = false;
            if (source && !need.Source)
            {
                await DeleteSourceAsync(job, cancellationToken);
                removed = true;
            }

            foreach (var run in runs.Where(run => run != need.ResultsRun))
            {
                await DeletePrefixAsync($"{ResultsPrefix(job)}{run}/", cancellationToken);
                removed = true;
            }

            swept += removed ? 1 : 0;
        }

        await AbortStaleUploadsAsync(before, cancellationToken);
        if (swept > 0)
        {
            OrphansSwept(swept);
        }

        return swept;
    }

    private async Task AbortStaleUploadsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        ListMultipartUploadsResponse uploads;
        try
        {
            uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = Prefix }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotImplemented)
        {
            // Some S3-compatible servers (s3rver among them) cannot list them; a bucket lifecycle rule
            // (AbortIncompleteMultipartUpload) does the same there.
            UploadsNotListable(e.ErrorCode);
            return;
        }

        foreach (var upload in uploads.MultipartUploads ?? [])
        {
            if (upload.Initiated is { } initiated && initiated < before.UtcDateTime)
            {
                await client.AbortMultipartUploadAsync(Bucket, upload.Key, upload.UploadId, cancellationToken);
                StaleUploadAborted(upload.Key);
            }
        }
    }

    /// <summary>Runs <paramref name="storeCall"/>; a store that does not answer becomes <see cref="StorageUnavailableException"/> saying what it did not do.</summary>
    private async Task GuardAsync(string what, Func<Task> storeCall)
    {
        try
        {
            await storeCall();
        }
        catch (Exception e) when (StoreFailures.Is(e) && e is not StorageUnavailableException)
        {
            throw new StorageUnavailableException($"The store at '{Endpoint}' did not {what} ({e.Message}).", e);
        }
    }

    private async Task DownloadAsync(string key, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetObjectAsync(Bucket, key, cancellationToken);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await response.ResponseStream.CopyToAsync(file, cancellationToken);
    }

    private async Task PutFileAsync(string key, string path, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (length <= PartSize)
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, FilePath = path, UseChunkEncoding = _s3.ChunkedUploads }, cancellationToken);
            return;
        }

        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = Bucket, Key = key }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (long position = 0, number = 1; position < length; position += PartSize, number++)
            {
                var part = await client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = Bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = (int)number,
                    FilePath = path,
                    FilePosition = position,
                    PartSize = Math.Min(PartSize, length - position),
                    UseChunkEncoding = _s3.ChunkedUploads,
                }, cancellationToken);
                parts.Add(new PartETag((int)number, part.ETag));
            }

            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = Bucket, Key = key, UploadId = upload.UploadId, PartETags = parts }, cancellationToken);
        }
        catch
        {
            // A part that was taken costs storage until the upload is aborted; the sweep aborts any this misses.
            await client.AbortMultipartUploadAsync(Bucket, key, upload.UploadId, CancellationToken.None);
            throw;
        }
    }

    private async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<KeyVersion>();
        await foreach (var stored in client.ListAllAsync(Bucket, prefix, cancellationToken))
        {
            keys.Add(new KeyVersion { Key = stored.Key });
        }

        // DeleteObjects takes at most 1000 keys.
        foreach (var chunk in keys.Chunk(1000))
        {
            await client.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = Bucket, Objects = [.. chunk], Quiet = true }, cancellationToken);
        }
    }

    private static async Task SkipAsync(Stream stream, long count, CancellationToken cancellationToken)
    {
        var scratch = new byte[Math.Min(count, 4096)];
        while (count > 0)
        {
            var read = await stream.ReadAsync(scratch.AsMemory(0, (int)Math.Min(count, scratch.Length)), cancellationToken);
            count -= read > 0 ? read : throw new EndOfStreamException();
        }
    }

    private string SourceKey(string publicId) => $"{Prefix}sources/{publicId}";

    private string FontKey(string fileName) => $"{Prefix}fonts/{fileName}";

    private string ResultsPrefix(string publicId) => $"{Prefix}results/{publicId}/";

    private string ResultKey(string publicId, string runId, string fileName) => $"{ResultsPrefix(publicId)}{runId}/{fileName}";

    public int RemoveAbandonedRuns()
    {
        var removed = 0;
        foreach (var folder in Directory.Exists(_work) ? Directory.GetDirectories(_work) : [])
        {
            try
            {
                // Opens only when no live process holds the run's lock (a node sharing this data folder may be running it).
                using (new FileStream(Path.Combine(folder, RunLockName), FileMode.OpenOrCreate, FileAccess.Write, FileShare.None))
                {
                }
            }
            catch (IOException)
            {
                continue;
            }

            DeleteFolder(folder);
            removed++;
        }

        if (removed > 0)
        {
            AbandonedRunsRemoved(removed, _work);
        }

        return removed;
    }

    private string WorkFolder(string publicId) => Path.Combine(_work, publicId);

    /// <summary>The run of the job on this node is over (or about to start again): its lock and its folder go.</summary>
    private void EndWork(string publicId)
    {
        if (_runLocks.TryRemove(publicId, out var runLock))
        {
            runLock.Dispose();
        }

        DeleteFolder(WorkFolder(publicId));
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage sweep removed the objects of {Count} jobs that no longer need them")]
    private partial void OrphansSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store cannot list unfinished multipart uploads ({ErrorCode}); give the bucket a lifecycle rule that aborts them")]
    private partial void UploadsNotListable(string errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the folders of {Count} runs that ended with their process (a crash) from {Folder}")]
    private partial void AbandonedRunsRemoved(int count, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage sweep aborted the unfinished upload of {Key}")]
    private partial void StaleUploadAborted(string key);
}
