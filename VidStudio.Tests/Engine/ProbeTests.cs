using VidStudio.Tests.Support;

namespace VidStudio.Tests.Engine;

public class ProbeTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    [Fact]
    public async Task Probe_reports_size_rate_duration_frames_and_audio()
    {
        var info = await engine.Prober.ProbeAsync(engine.Media.TestSource("probe.mp4", 320, 240, fps: 25, seconds: 2));

        Assert.Equal((320, 240), (info.Width, info.Height));
        Assert.Equal(25, info.FrameRate.Value);
        Assert.Equal(50, info.FrameCount);
        Assert.InRange(info.DurationSeconds, 1.95, 2.1);
        Assert.True(info.HasAudio);
    }

    [Fact]
    public async Task A_webm_without_container_duration_is_counted()
    {
        // Written to a pipe, the WebM muxer cannot seek back to store the duration or cues.
        var path = engine.Media.PathOf("streamed.webm");
        var start = new System.Diagnostics.ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", $"ffmpeg -nostdin -v error -f lavfi -i testsrc2=s=160x120:r=10:d=2 -c:v libvpx -deadline realtime -f webm pipe:1 > '{path}'" },
        };
        using (var p = System.Diagnostics.Process.Start(start)!) p.WaitForExit();
        Assert.Equal("N/A", TestMedia.Probe(path, "format=duration"));

        var info = await engine.Prober.ProbeAsync(path);

        Assert.Equal(20, info.FrameCount);
        Assert.InRange(info.DurationSeconds, 1.9, 2.1);
    }

    [Fact]
    public async Task A_quarter_turn_rotation_swaps_the_display_size()
    {
        var plain = engine.Media.TestSource("to-rotate.mp4", 320, 180, audio: false);
        var rotated = engine.Media.PathOf("rotated90.mp4");
        TestMedia.Ffmpeg("-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated);

        var info = await engine.Prober.ProbeAsync(rotated);

        Assert.Equal((180, 320), (info.Width, info.Height));
        Assert.Equal(90, Math.Abs(info.Rotation));
    }
}
