using Amazon.S3;
using Amazon.S3.Model;

namespace VidStudio.Web.Storage;

/// <summary>Every object under a prefix, page by page (a listing answers at most 1000 keys).</summary>
internal static class S3Listing
{
    public static async IAsyncEnumerable<S3Object> ListAllAsync(
        this IAmazonS3 client, string bucket, string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        while (true)
        {
            var page = await client.ListObjectsV2Async(request, cancellationToken);
            foreach (var stored in page.S3Objects ?? [])
            {
                yield return stored;
            }

            if (page.IsTruncated != true)
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }
}
