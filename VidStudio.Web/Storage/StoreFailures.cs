using Amazon.Runtime;

namespace VidStudio.Web.Storage;

public static class StoreFailures
{
    /// <summary>Whether <paramref name="e"/> says the store failed (down, refusing, timing out) rather than this code.</summary>
    public static bool Is(Exception e) => e is StorageUnavailableException or AmazonServiceException or AmazonClientException or HttpRequestException or TimeoutException
        || (e is TaskCanceledException && e.InnerException is TimeoutException);
}
