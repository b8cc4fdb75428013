namespace VidStudio.Core.Pipeline;

/// <summary>One streamed frame: its number, its time in seconds and its text.</summary>
public sealed record TextFrame(int FrameNumber, double Timestamp, string Text, int ExpectedFrames);
