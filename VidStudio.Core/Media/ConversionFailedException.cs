namespace VidStudio.Core.Media;

/// <summary>ffmpeg failed while converting a file that had probed as valid.</summary>
public sealed class ConversionFailedException(string message, Exception? inner = null) : ExpectedErrorException(message, inner);
