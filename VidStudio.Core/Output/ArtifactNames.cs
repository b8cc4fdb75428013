namespace VidStudio.Core.Output;

/// <summary>File names of a job's artifacts: six-digit frame numbers from 000000.</summary>
public static class ArtifactNames
{
    public const string Video = "video.mp4";

    public static string TextFrame(int index) => $"frame_{index:D6}.txt";

    public static string PngFrame(int index) => $"frame_{index:D6}.png";

    public static string AnsiFrame(int index) => $"frame_{index:D6}.ans";

    /// <summary>Files are written under this suffix and renamed when complete, so no half-written file ever has its final name.</summary>
    public const string PartialSuffix = ".part";
}
