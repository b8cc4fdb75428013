namespace VidStudio.Core.Preview;

/// <summary>One previewed frame: the PNG the job would write, its text, and how long the render took.</summary>
/// <param name="FramesPerSecond">The job's output frame rate, on whose grid <paramref name="FrameIndex"/> counts.</param>
public sealed record PreviewFrame(byte[] Png, string Text, int FrameIndex, double FramesPerSecond, int Width, int Height, int Columns, int Rows, double RenderMilliseconds);
