namespace VidStudio.Bench;

/// <summary>Generated benchmark inputs, cached in the work folder.</summary>
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

    /// <summary>
    /// A clip with the texture of real footage that ffmpeg can make: a slow zoom into the Mandelbrot set (soft gradients,
    /// fine detail) under film grain. It is what x264 finds hard in real clips, unlike testsrc2's flat areas.
    /// </summary>
    public static async Task<string> NaturalClipAsync(string work, int width, int height, int seconds)
    {
        var path = Path.Combine(work, $"natural-{width}x{height}-{seconds}s.mp4");
        if (!File.Exists(path))
        {
            await Shell.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                $"mandelbrot=s={width}x{height}:r=25:start_scale=0.5:end_scale=0.05:end_pts={seconds * 25},noise=alls=12:allf=t,format=yuv420p",
                "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}", "-t", seconds.ToString(),
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-c:a", "aac", "-shortest", path);
        }

        return path;
    }

    /// <summary>The first <paramref name="count"/> frames of a clip as PNG files at its own resolution (for chafa, which reads images).</summary>
    public static async Task<IReadOnlyList<string>> PngFramesAsync(string work, string clip, int count)
    {
        var folder = Path.Combine(work, "png-" + Path.GetFileNameWithoutExtension(clip) + "-" + count);
        if (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.png").Length != count)
        {
            Directory.CreateDirectory(folder);
            await Shell.RunAsync("ffmpeg", "-v", "error", "-y", "-i", clip, "-frames:v", count.ToString(), Path.Combine(folder, "%06d.png"));
        }

        return Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).ToList();
    }
}
