namespace VidStudio.Web.Data;

/// <summary>
/// The uploads one client (API key, user or address) started in one fixed rate-limit window. Kept in the database
/// so that every web node draws on the same budget: behind a load balancer, a client cannot multiply its uploads by
/// the number of nodes.
/// </summary>
public sealed class UploadWindowRecord
{
    public const int MaxPartitionLength = 100;

    public string Partition { get; set; } = "";

    /// <summary>The window's start, in Unix milliseconds (a multiple of the window's length).</summary>
    public long WindowStart { get; set; }

    public int Count { get; set; }
}
