namespace VidStudio.Web.Configuration;

/// <summary>
/// <c>VidStudio:Storage</c>: where jobs' sources and results are kept. <c>local</c> (the default) keeps them in the
/// uploads and results folders; <c>s3</c> keeps them in a bucket of any S3-compatible store, so nodes on separate
/// machines share no disk.
/// </summary>
public sealed class StorageSettings
{
    public StorageProvider Provider { get; set; } = StorageProvider.Local;

    public S3StorageSettings S3 { get; set; } = new();
}

public enum StorageProvider
{
    Local,
    S3,
}

/// <summary><c>VidStudio:Storage:S3</c>: the bucket and how to reach it (AWS, MinIO, Cloudflare R2, Garage, Ceph).</summary>
public sealed class S3StorageSettings
{
    /// <summary>The settings' section, as errors name it.</summary>
    public const string Section = "VidStudio:Storage:S3";

    /// <summary>The store's endpoint (<c>http://minio:9000</c>, <c>https://ACCOUNT.r2.cloudflarestorage.com</c>); empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }

    /// <summary>The bucket's region (<c>eu-west-1</c>; <c>auto</c> on R2); needed for AWS, optional with a ServiceUrl.</summary>
    public string? Region { get; set; }

    /// <summary>With <see cref="SecretKey"/>; when both are empty the SDK's usual environment or instance credentials are used.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Addresses the bucket as <c>host/bucket</c> instead of <c>bucket.host</c> (MinIO and most self-hosted stores need it).</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Every key starts with this (<c>vidstudio/</c>), so one bucket can hold several installations or other data.</summary>
    public string Prefix { get; set; } = "";

    /// <summary><see cref="Prefix"/> as every key starts: empty, or ending in one <c>/</c>.</summary>
    public string KeyPrefix => Prefix.Length == 0 || Prefix.EndsWith('/') ? Prefix : Prefix + "/";

    /// <summary>Downloads answer with a 302 to a short-lived presigned URL instead of passing the bytes through the web node.</summary>
    public bool PresignDownloads { get; set; }

    /// <summary>
    /// Uploads with the SDK's chunked (streaming-signature) encoding. Off by default: some S3-compatible servers store the
    /// chunk framing inside the object instead of decoding it; AWS and MinIO accept either.
    /// </summary>
    public bool ChunkedUploads { get; set; }
}
