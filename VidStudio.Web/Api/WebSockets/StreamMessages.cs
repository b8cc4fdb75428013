using System.Text.Json.Serialization;

namespace VidStudio.Web.Api.WebSockets;

// What a stream sends, in the API's snake_case JSON (ApiJson): its frames as they are decoded, then one end message
// with a status. The status is written first, as a client reading the end message looks at it before anything else.

/// <summary>One text frame; <c>total_frames</c> is the count the plan expects.</summary>
public sealed record StreamFrameMessage(int FrameNumber, string AsciiText, double Timestamp, int TotalFrames);

/// <summary>The last message of a stream that sent all its frames.</summary>
public sealed record StreamCompletedMessage(int FramesCount)
{
    [JsonPropertyOrder(-1)]
    public string Status => "completed";
}

/// <summary>The last message of a stream that was refused or failed; <c>error</c> is meant for the user.</summary>
public sealed record StreamErrorMessage(string Error)
{
    [JsonPropertyOrder(-1)]
    public string Status => "error";
}
