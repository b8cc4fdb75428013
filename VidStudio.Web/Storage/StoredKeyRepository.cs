using System.Net;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.DataProtection.Repositories;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Storage;

/// <summary>
/// Data Protection's key ring (antiforgery, Blazor circuits, the webhook callback secrets stored encrypted) in the
/// bucket under <c>keys/</c> when storage is <c>s3</c>, so every node reads the same keys with no folder shared between
/// them. Kept in the store rather than the database so that a copy of the database alone does not open the callback
/// secrets it holds. A key is written once under its own name and never changed; Data Protection caches the ring and
/// reads it again only when it refreshes (about daily), so these blocking calls are rare.
/// </summary>
public sealed partial class StoredKeyRepository(IAmazonS3 client, S3StorageSettings s3, ILogger<StoredKeyRepository> logger) : IXmlRepository
{
    private const string Folder = "keys/";

    private string Prefix => s3.KeyPrefix + Folder;

    public IReadOnlyCollection<XElement> GetAllElements() =>
        // Data Protection's interface is synchronous; the SDK is not. Run off any caller's synchronisation context.
        Task.Run(ReadAllAsync).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) =>
        Task.Run(() => PutAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), CancellationToken.None)).GetAwaiter().GetResult();

    /// <summary>
    /// Copies the keys of the folder the nodes shared before the store held them (<c>DataDirectory/keys</c>) into the
    /// store, once: only while the store has none, so cookies, circuits and callback secrets made with them stay readable.
    /// Returns how many were copied.
    /// </summary>
    public async Task<int> ImportAsync(string folder, CancellationToken cancellationToken)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.xml") : [];
        if (files.Length == 0 || (await ListKeysAsync(cancellationToken)).Count > 0)
        {
            return 0;
        }

        foreach (var file in files)
        {
            await PutAsync(Path.GetFileNameWithoutExtension(file), await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
        }

        KeysImported(files.Length, folder);
        return files.Length;
    }

    private async Task<IReadOnlyCollection<XElement>> ReadAllAsync()
    {
        var elements = new List<XElement>();
        foreach (var key in await ListKeysAsync(CancellationToken.None))
        {
            try
            {
                using var response = await client.GetObjectAsync(s3.Bucket, key);
                elements.Add(await XElement.LoadAsync(response.ResponseStream, LoadOptions.None, CancellationToken.None));
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Listed, then removed by an operator before it was read: a key ring without it.
            }
        }

        return elements;
    }

    private async Task<List<string>> ListKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var stored in client.ListAllAsync(s3.Bucket!, Prefix, cancellationToken))
        {
            if (stored.Key.EndsWith(".xml", StringComparison.Ordinal))
            {
                keys.Add(stored.Key);
            }
        }

        return keys;
    }

    private Task PutAsync(string friendlyName, string xml, CancellationToken cancellationToken) =>
        client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = s3.Bucket,
            // Data Protection names keys "key-{guid}"; anything else is kept to a safe file name.
            Key = Prefix + string.Concat(friendlyName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".xml",
            ContentBody = xml,
            ContentType = "application/xml",
            UseChunkEncoding = s3.ChunkedUploads,
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Count} Data Protection keys from {Folder} into the store, where every node now reads them")]
    private partial void KeysImported(int count, string folder);
}
