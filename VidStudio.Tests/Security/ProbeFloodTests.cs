using System.Net;
using VidStudio.Tests.Support;

namespace VidStudio.Tests.Security;

/// <summary>
/// MKVs that state no frame count and hold hundreds of thousands of tiny packets, uploaded to a real server process:
/// counting their packets must not hold them in the server's memory (it once took 600 MB for 3 million).
/// </summary>
[Collection(nameof(StandaloneServers))]
public sealed class ProbeFloodTests : IDisposable
{
    private const long AllowedGrowth = 50L * 1024 * 1024;

    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    private string TinyPackets(string name, int rate, int seconds) =>
        _media.Lavfi(name, $"color=s=16x16:r={rate}", seconds,
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "1000000", "-f", "matroska");

    [Fact]
    public async Task Many_packet_mkvs_are_422_and_the_servers_peak_memory_barely_moves()
    {
        // 600,000 packets at 1000 a second, a rate real videos reach: counted to the end, then over the frame cap.
        var counted = TinyPackets("600k-packets.mkv", 1000, 600);
        // 300,000 packets at 2000 a second: refused as soon as the count shows the rate.
        var flood = TinyPackets("2000-per-second.mkv", 2000, 150);
        using var server = new ServerProcess(_media.PathOf("data"), new Dictionary<string, string> { ["VidStudio__MaxOutputFrames"] = "20000" });
        await server.StartAsync();
        // A small MKV (no frame count either) first, so the upload and count paths are warm before the peak is read.
        var warmUp = await server.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(TinyPackets("small.mkv", 10, 2)));
        Assert.Equal(HttpStatusCode.Accepted, warmUp.StatusCode);
        await ApiClient.WaitForJobAsync(server.Client, (await warmUp.JsonAsync()).GetProperty("job_id").GetString()!);
        // The converter's own warm-up at start must be over too: its frames are not the probe's memory.
        await server.WaitForOutputAsync("Converter warmed up in");
        var peakBefore = server.PeakMemoryBytes;

        var overCap = await server.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(counted));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, overCap.StatusCode);
        Assert.Contains("MaxOutputFrames", (await overCap.JsonAsync()).GetProperty("detail").GetString());
        var growth = server.PeakMemoryBytes - peakBefore;
        Assert.True(growth < AllowedGrowth, $"the server's peak memory grew by {growth / 1024 / 1024} MB counting 600,000 packets");

        var absurd = await server.Client.PostAsync("/api/v1/convert/video", ApiClient.Form(flood));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, absurd.StatusCode);
        Assert.Contains("more than 1000 a second", (await absurd.JsonAsync()).GetProperty("detail").GetString());
    }
}
