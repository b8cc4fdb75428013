namespace VidStudio.Core.Media;

/// <summary>The input file is not something the engine can convert; the message is meant for the user.</summary>
public sealed class VideoInputException(VideoInputError error, string message, Exception? inner = null) : ExpectedErrorException(message, inner)
{
    public VideoInputError Error { get; } = error;
}
