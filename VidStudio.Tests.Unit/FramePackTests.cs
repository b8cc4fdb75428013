using System.IO.Compression;
using VidStudio.Core.Output;
using VidStudio.Web.Storage;

namespace VidStudio.Tests.Unit;

/// <summary>The stored frames' pack: a ZIP any reader opens, whose frames start where the recorded sizes say.</summary>
[Trait("Category", "Unit")]
public sealed class FramePackTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vidstudio-pack-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_pack_is_a_zip_of_the_frames_and_each_frame_is_at_its_computed_offset()
    {
        var random = new Random(7);
        var frames = new List<Artifact>();
        // Out of order, of different sizes, one empty: the pack orders them by name.
        foreach (var (index, size) in new[] { (2, 5000), (0, 17), (1, 0), (10, 70_000) })
        {
            var name = ArtifactNames.PngFrame(index);
            var bytes = new byte[size];
            random.NextBytes(bytes);
            await File.WriteAllBytesAsync(Path.Combine(_folder, name), bytes);
            frames.Add(new Artifact("Png", name, size));
        }

        var ordered = FramePack.Ordered(frames);
        using var pack = new MemoryStream();
        await FramePack.WriteAsync(_folder, ordered, pack, CancellationToken.None);
        var bytesOfPack = pack.ToArray();

        var offsets = FramePack.DataOffsets(ordered);
        using var zip = new ZipArchive(new MemoryStream(bytesOfPack), ZipArchiveMode.Read);
        Assert.Equal(ordered.Select(f => f.FileName), zip.Entries.Select(e => e.FullName));
        foreach (var frame in ordered)
        {
            var expected = await File.ReadAllBytesAsync(Path.Combine(_folder, frame.FileName));
            var entry = zip.GetEntry(frame.FileName)!;
            Assert.Equal(frame.SizeBytes, entry.CompressedLength);
            using var content = new MemoryStream();
            await using (var read = await entry.OpenAsync())
            {
                // Reading through checks the CRC the header carries.
                await read.CopyToAsync(content);
            }

            Assert.Equal(expected, content.ToArray());
            Assert.Equal(expected, bytesOfPack.AsSpan((int)offsets[frame.FileName], (int)frame.SizeBytes).ToArray());
        }
    }
}
