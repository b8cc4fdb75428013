namespace VidStudio.Core.Media;

/// <summary>Why an input cannot be converted; each kind maps to one clear message and one HTTP status.</summary>
public enum VideoInputError
{
    NotFound,
    Empty,
    NotAVideo,
    StillImage,
    NoVideoStream,
    Damaged,
    ResolutionTooLarge,
    NoFrames,

    /// <summary>A playlist or manifest (HLS, DASH, ffconcat, ...): it names other files rather than holding a video.</summary>
    Playlist,

    /// <summary>The conversion would exceed a resource cap of the installation (render size, frame count).</summary>
    OverLimit,
}
