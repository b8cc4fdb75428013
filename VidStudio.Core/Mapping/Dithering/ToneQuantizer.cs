using VidStudio.Core.Options;

namespace VidStudio.Core.Mapping.Dithering;

/// <summary>
/// Turns every cell's tone (0..255) into one of a ramp's n levels, a whole grid at a time. Level i stands for the band
/// of tones [i·256/n, (i+1)·256/n), so on a scale of levels a tone v sits at u = v·n/256 and level i at the middle of
/// its band, i + ½. Without dither a cell takes the level whose band holds its tone; with dither, a tone between two
/// levels' middles takes the upper one in a share of cells equal to how far it lies towards it, so an area's mean
/// level is its tone. Tones outside the outer levels' middles keep the outer level: black stays a space.
/// Each instance serves one grid size and keeps its buffers: nothing is allocated per frame.
/// </summary>
public abstract class ToneQuantizer
{
    protected ToneQuantizer(int levels) => Levels = levels;

    public int Levels { get; }

    /// <summary><paramref name="tones"/> and <paramref name="levels"/> are the grid's cells, row-major.</summary>
    public abstract void Quantize(ReadOnlySpan<byte> tones, Span<ushort> levels);

    /// <summary>The quantizer of <paramref name="dither"/> for a ramp of <paramref name="levels"/> levels on a grid.</summary>
    public static ToneQuantizer Create(Dither dither, int levels, int columns, int rows) =>
        !dither.IsActive ? new BandQuantizer(levels)
        : dither.Mode switch
        {
            DitherMode.Ordered => new ThresholdQuantizer(ThresholdMap.Bayer8, dither.Strength, levels, columns, rows),
            DitherMode.BlueNoise => new ThresholdQuantizer(ThresholdMap.BlueNoise64, dither.Strength, levels, columns, rows),
            DitherMode.Diffusion => new DiffusionQuantizer(dither.Strength, levels, columns),
            _ => throw new ArgumentOutOfRangeException(nameof(dither), dither.Mode, "Not a dither mode."),
        };
}

/// <summary>No dither: the level whose band holds the tone, one table read per cell.</summary>
internal sealed class BandQuantizer(int levels) : ToneQuantizer(levels)
{
    private readonly ushort[] _levelOfTone = BrightnessIndex.ForRamp(levels);

    public override void Quantize(ReadOnlySpan<byte> tones, Span<ushort> levels)
    {
        for (var i = 0; i < tones.Length; i++)
        {
            levels[i] = _levelOfTone[tones[i]];
        }
    }
}

/// <summary>
/// Ordered dither by a <see cref="ThresholdMap"/>: a cell goes to the upper of its two neighbouring levels when its
/// tone's fraction of the way between their middles reaches the cell's threshold. Strength s pulls every threshold
/// towards ½ (s = 0: plain rounding to the nearest middle, which is the band rule). Fixed to the screen: a still picture
/// gets the same levels every frame.
/// </summary>
internal sealed class ThresholdQuantizer : ToneQuantizer
{
    /// <summary>Fixed point of the level scale: 16 fraction bits, finer than the 4096 ranks of the largest map.</summary>
    private const int FractionBits = 16;

    /// <summary>Per grid cell, ½ − its threshold (× strength) in fixed point: what floor(u + offset) needs, computed once.</summary>
    private readonly int[] _offsets;

    public ThresholdQuantizer(ThresholdMap map, double strength, int levels, int columns, int rows) : base(levels)
    {
        _offsets = new int[columns * rows];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                _offsets[row * columns + column] = (int)Math.Round(strength * (0.5 - map.At(column, row)) * (1 << FractionBits));
            }
        }
    }

    public override void Quantize(ReadOnlySpan<byte> tones, Span<ushort> levels)
    {
        var highest = Levels - 1;
        for (var i = 0; i < tones.Length; i++)
        {
            // u = v·n/256 in fixed point is v·n·2^(16−8).
            var position = (tones[i] * Levels << (FractionBits - 8)) + _offsets[i];
            levels[i] = (ushort)Math.Clamp(position >> FractionBits, 0, highest);
        }
    }
}

/// <summary>
/// Floyd–Steinberg error diffusion over the cells in raster order (<see cref="ErrorRows"/>): each cell rounds its tone
/// plus the error it was handed to the nearest level middle and passes the strength's share of the difference on. The
/// finest tone of the three, but an error path depends on everything before it, so a small change anywhere upstream
/// reshuffles the cells after it: it shimmers in video.
/// </summary>
internal sealed class DiffusionQuantizer(double strength, int levels, int columns) : ToneQuantizer(levels)
{
    private readonly float _strength = (float)strength;
    private readonly ErrorRows _errors = new(columns, 1);

    public override void Quantize(ReadOnlySpan<byte> tones, Span<ushort> levels)
    {
        var highest = Levels - 1;
        var scale = Levels / 256f;
        _errors.Start();
        for (var start = 0; start < tones.Length; start += columns)
        {
            for (var column = 0; column < columns; column++)
            {
                // Level middles sit at whole numbers here; a tone beyond the outer ones is as far as a ramp reaches.
                var wanted = Math.Clamp(tones[start + column] * scale - 0.5f, 0, highest) + _errors.Carried(column, 0);
                var level = Math.Clamp((int)MathF.Floor(wanted + 0.5f), 0, highest);
                levels[start + column] = (ushort)level;
                _errors.Spread(column, 0, (wanted - level) * _strength);
            }

            _errors.NextRow();
        }
    }
}
