using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using VidStudio.Core.Output;

namespace VidStudio.Web.Storage;

/// <summary>
/// One per-frame output's files as one object: a ZIP whose entries are stored (not compressed) and whose local headers
/// all have the same shape (30 bytes, the name, a 20-byte Zip64 field), so frame <c>k</c>'s bytes start at an offset
/// computed from the names and sizes of the frames before it, which the job's record holds. A frame is then one ranged
/// GET, all frames one GET, and publishing thousands of frames one upload. Any unzip tool reads the object as it is.
/// </summary>
public static class FramePack
{
    private const int LocalHeaderLength = 30, LocalZip64Length = 20, CentralHeaderLength = 46, CentralZip64Length = 28;
    private const uint Saturated = uint.MaxValue;
    private const ushort Zip64Version = 45;

    // 1980-01-01 00:00, DOS format: frames carry no meaningful time, and a fixed one keeps packs of equal frames equal.
    private const ushort DosDate = (1 << 5) | 1, DosTime = 0;

    /// <summary>The pack's name beside the job's other artifacts (<c>png.zip</c>).</summary>
    public static string ObjectName(OutputFormat format) => format.Route + ".zip";

    /// <summary>The frames of a pack in their order in it (by file name, which is frame order).</summary>
    public static IReadOnlyList<Artifact> Ordered(IEnumerable<Artifact> frames) => frames.OrderBy(f => f.FileName, StringComparer.Ordinal).ToList();

    /// <summary>Where the bytes of each frame start in the pack of <paramref name="ordered"/>, by file name.</summary>
    public static Dictionary<string, long> DataOffsets(IReadOnlyList<Artifact> ordered)
    {
        var offsets = new Dictionary<string, long>(ordered.Count, StringComparer.Ordinal);
        long offset = 0;
        foreach (var entry in ordered)
        {
            offset += LocalHeaderLength + NameLength(entry) + LocalZip64Length;
            offsets[entry.FileName] = offset;
            offset += entry.SizeBytes;
        }

        return offsets;
    }

    /// <summary>Writes the pack of <paramref name="ordered"/> (files of <paramref name="folder"/>) to <paramref name="target"/>.</summary>
    public static async Task WriteAsync(string folder, IReadOnlyList<Artifact> ordered, Stream target, CancellationToken cancellationToken)
    {
        var central = new MemoryStream();
        long offset = 0;
        foreach (var frame in ordered)
        {
            var path = Path.Combine(folder, frame.FileName);
            var crc = await CrcOfAsync(path, cancellationToken);
            var name = Encoding.ASCII.GetBytes(frame.FileName);
            var header = new byte[LocalHeaderLength + name.Length + LocalZip64Length];
            var span = header.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(span, 0x04034b50);
            WriteCommon(span[4..], crc, name.Length, LocalZip64Length);
            name.CopyTo(span[LocalHeaderLength..]);
            var extra = span[(LocalHeaderLength + name.Length)..];
            BinaryPrimitives.WriteUInt16LittleEndian(extra, 1);
            BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], 16);
            BinaryPrimitives.WriteInt64LittleEndian(extra[4..], frame.SizeBytes);
            BinaryPrimitives.WriteInt64LittleEndian(extra[12..], frame.SizeBytes);
            await target.WriteAsync(header, cancellationToken);
            await using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            {
                if (source.Length != frame.SizeBytes)
                {
                    throw new InvalidOperationException($"{frame.FileName} has {source.Length} bytes, not the {frame.SizeBytes} recorded.");
                }

                await source.CopyToAsync(target, cancellationToken);
            }

            WriteCentralEntry(central, crc, name, frame.SizeBytes, offset);
            offset += header.Length + frame.SizeBytes;
        }

        var centralOffset = offset;
        var centralLength = central.Length;
        central.Position = 0;
        await central.CopyToAsync(target, cancellationToken);
        var end = new byte[56 + 20 + 22];
        var record = end.AsSpan();
        // The Zip64 end record, its locator, then the classic end record with every field saturated (read the Zip64 one).
        BinaryPrimitives.WriteUInt32LittleEndian(record, 0x06064b50);
        BinaryPrimitives.WriteInt64LittleEndian(record[4..], 44);
        BinaryPrimitives.WriteUInt16LittleEndian(record[12..], Zip64Version);
        BinaryPrimitives.WriteUInt16LittleEndian(record[14..], Zip64Version);
        BinaryPrimitives.WriteInt64LittleEndian(record[24..], ordered.Count);
        BinaryPrimitives.WriteInt64LittleEndian(record[32..], ordered.Count);
        BinaryPrimitives.WriteInt64LittleEndian(record[40..], centralLength);
        BinaryPrimitives.WriteInt64LittleEndian(record[48..], centralOffset);
        var locator = record[56..];
        BinaryPrimitives.WriteUInt32LittleEndian(locator, 0x07064b50);
        BinaryPrimitives.WriteInt64LittleEndian(locator[8..], centralOffset + centralLength);
        BinaryPrimitives.WriteUInt32LittleEndian(locator[16..], 1);
        var classic = record[76..];
        BinaryPrimitives.WriteUInt32LittleEndian(classic, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(classic[8..], ushort.MaxValue);
        BinaryPrimitives.WriteUInt16LittleEndian(classic[10..], ushort.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(classic[12..], Saturated);
        BinaryPrimitives.WriteUInt32LittleEndian(classic[16..], Saturated);
        await target.WriteAsync(end, cancellationToken);
    }

    private static int NameLength(Artifact frame) => Encoding.ASCII.GetByteCount(frame.FileName);

    /// <summary>The fields local and central headers share, from "version needed" to the lengths of name and extra field.</summary>
    private static void WriteCommon(Span<byte> span, uint crc, int nameLength, int extraLength)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span, Zip64Version);
        // Flags 0 and method 0 (stored) stay zero.
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], DosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[10..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(span[14..], Saturated);
        BinaryPrimitives.WriteUInt32LittleEndian(span[18..], Saturated);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)nameLength);
        BinaryPrimitives.WriteUInt16LittleEndian(span[24..], (ushort)extraLength);
    }

    private static void WriteCentralEntry(MemoryStream central, uint crc, byte[] name, long size, long localHeaderOffset)
    {
        var entry = new byte[CentralHeaderLength + name.Length + CentralZip64Length];
        var span = entry.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, 0x02014b50);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Zip64Version);
        WriteCommon(span[6..], crc, name.Length, CentralZip64Length);
        // Comment length, disk, internal and external attributes stay zero.
        BinaryPrimitives.WriteUInt32LittleEndian(span[42..], Saturated);
        name.CopyTo(span[CentralHeaderLength..]);
        var extra = span[(CentralHeaderLength + name.Length)..];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], 24);
        BinaryPrimitives.WriteInt64LittleEndian(extra[4..], size);
        BinaryPrimitives.WriteInt64LittleEndian(extra[12..], size);
        BinaryPrimitives.WriteInt64LittleEndian(extra[20..], localHeaderOffset);
        central.Write(entry);
    }

    private static async Task<uint> CrcOfAsync(string path, CancellationToken cancellationToken)
    {
        var crc = new Crc32();
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await crc.AppendAsync(source, cancellationToken);
        return crc.GetCurrentHashAsUInt32();
    }
}
