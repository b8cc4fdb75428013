using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VidStudio.Core.Rendering;

/// <summary>
/// Blending of one colour channel by glyph coverage, vectorised: <c>from + (to - from) · a / 255</c>, rounded.
/// The scalar <see cref="Lerp"/> uses the same integer formula so tables and vectors agree to the bit.
/// </summary>
internal static class CoverageBlend
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Lerp(byte from, byte to, int a)
    {
        var delta = to - from;
        var scaled = Div255(Math.Abs(delta) * a + 127);
        return (byte)(delta < 0 ? from - scaled : from + scaled);
    }

    /// <summary>Writes <c>Lerp(from, to, coverage[i])</c> for every i.</summary>
    public static void Blend(ReadOnlySpan<byte> coverage, Span<byte> destination, byte from, byte to)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && coverage.Length >= Vector256<byte>.Count)
        {
            var delta = to - from;
            var magnitude = Vector256.Create((ushort)Math.Abs(delta));
            var half = Vector256.Create((ushort)127);
            var start = Vector256.Create(from);
            ref var source = ref MemoryMarshal.GetReference(coverage);
            ref var target = ref MemoryMarshal.GetReference(destination);
            for (; i <= coverage.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref source, (nuint)i));
                var scaled = Vector256.Narrow(Div255(low * magnitude + half), Div255(high * magnitude + half));
                (delta < 0 ? start - scaled : start + scaled).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < coverage.Length; i++)
        {
            destination[i] = Lerp(from, to, coverage[i]);
        }
    }

    /// <summary>
    /// Mean coverage of each 2×2 block of two rows (the chroma sample of yuv420p), for the first
    /// <paramref name="destination"/>.Length blocks; the last column repeats when the width is odd.
    /// </summary>
    public static void AverageBlocks(ReadOnlySpan<byte> upper, ReadOnlySpan<byte> lower, Span<byte> destination)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var up = ref MemoryMarshal.GetReference(upper);
            ref var down = ref MemoryMarshal.GetReference(lower);
            ref var target = ref MemoryMarshal.GetReference(destination);
            var two = Vector256.Create(2u);
            var lowHalf = Vector256.Create(0xFFFFu);
            // 32 source pixels → 16 blocks per step.
            for (; 2 * i + Vector256<byte>.Count <= upper.Length && i + 16 <= destination.Length; i += 16)
            {
                var (upLow, upHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref up, (nuint)(2 * i)));
                var (downLow, downHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref down, (nuint)(2 * i)));
                var sumLow = (upLow + downLow).AsUInt32();
                var sumHigh = (upHigh + downHigh).AsUInt32();
                // Each uint lane holds two neighbouring column sums: add its halves.
                var blocksLow = Vector256.ShiftRightLogical((sumLow & lowHalf) + Vector256.ShiftRightLogical(sumLow, 16) + two, 2);
                var blocksHigh = Vector256.ShiftRightLogical((sumHigh & lowHalf) + Vector256.ShiftRightLogical(sumHigh, 16) + two, 2);
                var words = Vector256.Narrow(blocksLow, blocksHigh);
                Vector128.StoreUnsafe(Vector256.Narrow(words, words).GetLower(), ref target, (nuint)i);
            }
        }

        var last = upper.Length - 1;
        for (; i < destination.Length; i++)
        {
            int x0 = 2 * i, x1 = Math.Min(x0 + 1, last);
            destination[i] = (byte)((upper[x0] + upper[x1] + lower[x0] + lower[x1] + 2) >> 2);
        }
    }

    // Exact floor(x / 255) for 0 <= x <= 65535.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Div255(int x) => (x + 1 + (x >> 8)) >> 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> Div255(Vector256<ushort> x) =>
        Vector256.ShiftRightLogical(x + Vector256<ushort>.One + Vector256.ShiftRightLogical(x, 8), 8);
}
