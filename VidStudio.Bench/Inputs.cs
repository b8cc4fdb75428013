namespace VidStudio.Bench;

/// <summary>Generated benchmark inputs: testsrc2 with a sine audio track, cached in the work folder.</summary>
internal static class Inputs
{
    public static async Task<string> TestClipAsync(string work, int width, int height, int seconds)
    {
        var path = Path.Combine(work, $"testsrc2-{width}x{height}-{seconds}s.mp4");
        if (!File.Exists(path))
        {
            await Shell.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=s={width}x{height}:r=25:d={seconds}",
                "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest", path);
        }

        return path;
    }
}
