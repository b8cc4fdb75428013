namespace VidStudio.Core.Preview;

/// <summary>One previewed frame: the PNG the job would write, its text, and how long the render took.</summary>
public sealed record PreviewFrame(byte[] Png, string Text, int FrameIndex, int Width, int Height, int Columns, int Rows, double RenderMilliseconds);
