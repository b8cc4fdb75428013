using VidStudio.Core.Media;

namespace VidStudio.Web.Studio;

/// <summary>A video the Studio works on: an upload (with the id of its folder) or the built-in sample.</summary>
public sealed record StudioSource(string Path, string DisplayName, MediaInfo Media, string? UploadId = null);
