using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.Jobs;

/// <summary>
/// Every path the server builds from user input goes through here. Uploaded file names never become paths (an
/// upload is stored as <c>input</c> plus a sanitised extension); download names are resolved strictly inside the
/// job's own folder.
/// </summary>
public sealed partial class JobFiles(IOptions<VidStudioSettings> settings)
{
    private readonly string _uploads = settings.Value.UploadsPath;
    private readonly string _results = settings.Value.ResultsPath;

    public string StagingDirectory => Path.Combine(_uploads, ".staging");

    public void EnsureDirectories()
    {
        Directory.CreateDirectory(StagingDirectory);
        Directory.CreateDirectory(_results);
    }

    /// <summary>A new, unique file for an upload in progress.</summary>
    public string NewStagingPath() => Path.Combine(StagingDirectory, Guid.NewGuid().ToString("N") + ".upload");

    public string UploadDirectory(string publicId) => Path.Combine(_uploads, CheckId(publicId));

    /// <summary>Where a job's input lives: the client's name contributes at most a short alphanumeric extension.</summary>
    public string InputPath(string publicId, string originalFileName) => Path.Combine(UploadDirectory(publicId), "input" + SafeExtensionOf(originalFileName));

    /// <summary>The file's extension if it is 1–5 lower-case letters or digits (".mp4"), else ".bin".</summary>
    public static string SafeExtensionOf(string originalFileName)
    {
        var extension = Path.GetExtension(originalFileName).ToLowerInvariant();
        return SafeExtension().IsMatch(extension) ? extension : ".bin";
    }

    public string ResultDirectory(string publicId) => Path.Combine(_results, CheckId(publicId));

    /// <summary>The full path of <paramref name="fileName"/> in the job's folder, or null when the name could point anywhere else.</summary>
    public string? ResolveArtifact(string publicId, string fileName)
    {
        if (!SafeFileName().IsMatch(fileName) || fileName.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var folder = Path.GetFullPath(ResultDirectory(publicId)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(folder, fileName));
        return path.StartsWith(folder, StringComparison.Ordinal) && File.Exists(path) ? path : null;
    }

    public static bool IsValidId(string? id) => id is not null && PublicId().IsMatch(id);

    /// <summary>Removes a file name's path parts and control characters, for display and Content-Disposition only.</summary>
    public static string DisplayName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "video" : name.Length > 200 ? name[..200] : name;
    }

    public static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static string CheckId(string id) => IsValidId(id) ? id : throw new ArgumentException($"'{id}' is not a job id.", nameof(id));

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex PublicId();

    [GeneratedRegex(@"^\.[a-z0-9]{1,5}$")]
    private static partial Regex SafeExtension();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,127}$")]
    private static partial Regex SafeFileName();
}
