namespace VidStudio.Core;

/// <summary>
/// A failure the user caused or can fix (a file that is not a video, parameters out of range, a full disk, ffmpeg
/// missing), never a fault in the code: its message is written for the user and shown as it is, without a stack trace in
/// the log. Callers catch this one type instead of listing each kind.
/// </summary>
public abstract class ExpectedErrorException(string message, Exception? inner = null) : Exception(message, inner);
