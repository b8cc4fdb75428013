using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VidStudio.Core.Frames;

namespace VidStudio.Core.Mapping;

/// <summary>
/// Shape matching: each cell gets the glyph that, drawn in two tones, is closest (least squares) to the cell's 4×8
/// luma samples. With free tones (<see cref="ShapeTones.Free"/>, for per-cell colours) the best glyph maximises
/// <c>Sxg² / Sgg</c>, the variance its shape explains. With the frame's fixed text and background tones the samples are
/// first made <i>tone-true</i>: each sample's tone t (0 = background, 1 = text, see <see cref="ShapeTones"/>) becomes the
/// target <c>min(h·t, s(t)) · reach</c>, where reach is the largest ink any glyph of the set has at that sample position,
/// h the <see cref="LetterHeadroom"/> (1 for sets with a solid glyph) and s the set's <see cref="InkCurve"/>, which keeps
/// the brightest tones from all reaching the densest glyph. No printable glyph covers more than ~35% of its cell, so
/// matching raw tones drew every cell brighter than that as the densest glyph (a wall of <c>B</c>); tone-true, white
/// gets the densest glyphs, black a space, the tones between rising ink, and the glyph's shape decides among glyphs of
/// similar ink. The best glyph then maximises
/// <c>2·Σtarget·g − Σg²</c>. Both need only the dot products of the samples with every glyph mask, computed eight
/// glyphs at a time from a glyph-interleaved table, so ~95 glyphs cost ~400 vector multiply-adds a cell and nothing is
/// allocated.
/// <para>
/// <see cref="Stability"/>: a cell keeps its previous glyph unless the new best fits better by a margin proportional to
/// the cell's own contrast; a frame that differs a lot from the previous one (a cut) forgets the previous glyphs. Every
/// cell also chooses afresh once per <see cref="RefreshInterval"/> frames, at its own phase (so no frame pops): a cell's
/// glyph then depends on the last <see cref="RefreshInterval"/> frames only, which is what lets the preview warm up over
/// that many frames and show the job's frame.
/// </para>
/// </summary>
public sealed class ShapeMapper : ICharacterMapper
{
    /// <summary>Frames after which a cell chooses afresh whatever its margin (1.6 s at 25 f/s).</summary>
    public const int RefreshInterval = 40;

    /// <summary>Mean absolute luma change (0..255) between frames above which a frame counts as a new scene.</summary>
    public const double SceneCutChange = 28;


    /// <summary>Keep margin at stability 1, as a share of the cell's sample spread plus a noise floor per sample.</summary>
    private const float MarginShare = 0.25f, MarginFloorPerSample = 0.004f;

    /// <summary>Variance (Σ over the 32 samples, in 0..1 units) below which a cell counts as flat: under 2/255 per sample.</summary>
    private const float FlatEnergy = 32 * (2 / 255f) * (2 / 255f);

    private const float InvertedTieFactor = 0.999f;

    /// <summary>Share of a cell's energy counted as detail in fixed tones (measured: see the benchmark's --stability-sweep).</summary>
    private const float FixedEnergyShare = 0.3f;

    private readonly GridGeometry _geometry;
    private readonly SampleDensity _density;
    private readonly ShapeTones _tones;
    private readonly int _blocks;
    private readonly float[] _table;
    private readonly float[] _offset, _scale;


    /// <summary>
    /// Share of the reach that full tone targets in a set without a solid glyph (letters): below 1, so white leaves the
    /// densest glyphs room to differ by shape, and the darker tones stay sparse enough for shapes to stand out against
    /// them (measured: see the README's quality table). A set with a solid glyph (blocks) targets the whole reach.
    /// </summary>
    public const double LetterHeadroom = 0.75;

    /// <summary>Mean coverage from which a glyph counts as solid: it reaches every sample's ink at once.</summary>
    private const double SolidCoverage = 0.95;


    /// <summary>Tone-true terms (score = 2·dot − Σg²): fixed tones always, free tones for flat cells (every glyph explains nothing there).</summary>
    private readonly float[] _toneOffset, _toneScale;

    /// <summary>The largest ink any glyph of the set has at each sample position.</summary>
    private readonly float[] _reach;

    /// <summary>Share of <see cref="_reach"/> each luma byte targets in the fixed tones, and white on black for flat free cells.</summary>
    private readonly float[] _fixedTone, _flatTone;
    private readonly float _stability;
    private readonly ushort[] _previous;
    private readonly byte[] _previousSamples;
    private bool _hasPrevious;

    public ShapeMapper(GridGeometry geometry, GlyphSet glyphs, GlyphMasks masks, ShapeTones tones, double stability)
    {
        if (masks.Count != glyphs.Count || masks.Density != SampleDensity.Shape)
        {
            throw new ArgumentException("The masks are not those of the glyph set at the shape density.", nameof(masks));
        }

        _geometry = geometry;
        _density = masks.Density;
        _tones = tones;
        Glyphs = glyphs;
        _stability = (float)stability;
        _blocks = (glyphs.Count + Vector256<float>.Count - 1) / Vector256<float>.Count;
        var lanes = _blocks * Vector256<float>.Count;
        var n = _density.PerCell;
        // Block-major, then sample, then the block's 8 glyphs: one block's whole table is one sequential 1 KB read.
        _table = new float[lanes * n];
        _offset = new float[lanes];
        _scale = new float[lanes];
        _toneOffset = new float[lanes];
        _toneScale = new float[lanes];
        _reach = new float[n];
        var hasSolidGlyph = false;
        for (var glyph = 0; glyph < lanes; glyph++)
        {
            var block = glyph / Vector256<float>.Count;
            var lane = glyph % Vector256<float>.Count;
            if (glyph >= glyphs.Count)
            {
                // Padding lanes can never win.
                (_offset[glyph], _scale[glyph]) = (0f, 0f);
                (_toneOffset[glyph], _toneScale[glyph]) = (float.MaxValue, 0f);
                continue;
            }

            var mask = masks.Of(glyph);
            double sum = 0, squares = 0;
            for (var i = 0; i < n; i++)
            {
                _table[(block * n + i) * Vector256<float>.Count + lane] = mask[i];
                _reach[i] = Math.Max(_reach[i], mask[i]);
                sum += mask[i];
                squares += mask[i] * mask[i];
            }

            hasSolidGlyph |= sum / n >= SolidCoverage;
            (_toneOffset[glyph], _toneScale[glyph]) = ((float)squares, 2f);
            // Free tones: score = (dot − Sx·mean)² / Sgg: offset holds the mean, scale 1/Sgg (0 for a flat glyph: it explains nothing).
            var spread = squares - sum * sum / n;
            (_offset[glyph], _scale[glyph]) = ((float)(sum / n), spread > 1e-6 ? (float)(1 / spread) : 0f);
        }

        var curve = new InkCurve(masks, _reach, (glyph, dot) => _toneScale[glyph] * dot - _toneOffset[glyph]);
        var headroom = hasSolidGlyph ? 1 : LetterHeadroom;
        _fixedTone = TargetTable(curve, headroom, tones);
        _flatTone = TargetTable(curve, headroom, ShapeTones.Fixed(0, 1));
        _previous = new ushort[geometry.CellCount];
        _previousSamples = new byte[_density.Width(geometry) * _density.Height(geometry)];
    }

    public GlyphSet Glyphs { get; }

    public SampleDensity Density => _density;

    /// <summary>0 = choose every frame afresh; 1 = keep a glyph until a clearly better one appears.</summary>
    public double Stability => _stability;

    public void Map(ReadOnlySpan<byte> samples, Span<ushort> cells, int frameIndex)
    {
        var keep = _stability > 0 && _hasPrevious && !IsSceneCut(samples);
        int n = _density.PerCell, sampleWidth = _density.Width(_geometry), columns = _geometry.Columns;
        Span<float> cell = stackalloc float[n];
        Span<float> scores = stackalloc float[_blocks * Vector256<float>.Count];
        for (var row = 0; row < _geometry.Rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var first = row * _density.Y * sampleWidth + column * _density.X;
                // Free tones read the raw samples, whose spread also says whether the cell is flat: a flat cell looks the
                // same under any glyph in free tones, so the glyph of its brightness (tone-true, white on black) reads best.
                var (sum, squares) = _tones.IsFree ? RawSamples(samples, first, sampleWidth, cell) : (0f, 0f);
                var trueToTone = !_tones.IsFree || squares - sum * sum / n < FlatEnergy;
                if (trueToTone)
                {
                    (sum, squares) = ToneTrueTargets(samples, first, sampleWidth, _tones.IsFree ? _flatTone : _fixedTone, cell);
                }

                Score(cell, sum, scores, trueToTone);
                var best = ArgMax(scores[..Glyphs.Count]);
                var index = row * columns + column;
                // The refresh phase spreads cells over the interval with a multiplier coprime to it.
                if (keep && (frameIndex + index * 7) % RefreshInterval != 0)
                {
                    // The error of a glyph is (energy − score): keeping the previous one costs best − previous. The margin
                    // grows with the cell's detail (its spread), the part of the picture a glyph choice can get wrong. In
                    // tone-true targets a share of the energy counts too: bright cells choose among dense glyphs of nearly
                    // equal ink, which flicker under grain.
                    var spread = squares - sum * sum / n + (trueToTone ? FixedEnergyShare * squares : 0);
                    var margin = _stability * (MarginShare * spread + MarginFloorPerSample * n);
                    var previous = _previous[index];
                    if (scores[best] - scores[previous] <= margin)
                    {
                        best = previous;
                    }
                }

                cells[index] = (ushort)best;
            }
        }

        if (_stability > 0)
        {
            cells.CopyTo(_previous);
            samples.CopyTo(_previousSamples);
            _hasPrevious = true;
        }
    }

    /// <summary>The cell's targets: each sample's share of the reach (through the ink curve) times the reach at its position.</summary>
    private (float Sum, float Squares) ToneTrueTargets(ReadOnlySpan<byte> samples, int first, int sampleWidth, float[] tone, Span<float> cell)
    {
        float sum = 0, squares = 0;
        for (var dy = 0; dy < _density.Y; dy++)
        {
            var line = samples.Slice(first + dy * sampleWidth, _density.X);
            for (var dx = 0; dx < line.Length; dx++)
            {
                var i = dy * _density.X + dx;
                var x = tone[line[dx]] * _reach[i];
                cell[i] = x;
                sum += x;
                squares += x * x;
            }
        }

        return (sum, squares);
    }

    private (float Sum, float Squares) RawSamples(ReadOnlySpan<byte> samples, int first, int sampleWidth, Span<float> cell)
    {
        float sum = 0, squares = 0;
        for (var dy = 0; dy < _density.Y; dy++)
        {
            var line = samples.Slice(first + dy * sampleWidth, _density.X);
            for (var dx = 0; dx < line.Length; dx++)
            {
                var x = line[dx] * (1 / 255f);
                cell[dy * _density.X + dx] = x;
                sum += x;
                squares += x * x;
            }
        }

        return (sum, squares);
    }

    /// <summary>The share of the reach each luma byte targets: its tone, through the set's ink curve.</summary>
    private static float[] TargetTable(InkCurve curve, double headroom, ShapeTones tones)
    {
        var table = new float[256];
        for (var v = 0; v < table.Length; v++)
        {
            var tone = tones.ToneOf(v / 255.0);
            table[v] = (float)Math.Min(headroom * tone, curve.ScaleOf(tone));
        }

        return table;
    }

    private void Score(ReadOnlySpan<float> cell, float sum, Span<float> scores, bool trueToTone)
    {
        var n = cell.Length;
        var (offsets, scales) = trueToTone ? (_toneOffset, _toneScale) : (_offset, _scale);
        ref var table = ref MemoryMarshal.GetArrayDataReference(_table);
        for (var block = 0; block < _blocks; block++)
        {
            // Two accumulators halve the multiply-add dependency chain.
            Vector256<float> even = Vector256<float>.Zero, odd = Vector256<float>.Zero;
            ref var rows = ref Unsafe.Add(ref table, block * n * Vector256<float>.Count);
            for (var i = 0; i < n; i += 2)
            {
                even += Vector256.Create(cell[i]) * Vector256.LoadUnsafe(ref rows, (nuint)(i * Vector256<float>.Count));
                odd += Vector256.Create(cell[i + 1]) * Vector256.LoadUnsafe(ref rows, (nuint)((i + 1) * Vector256<float>.Count));
            }

            var dot = even + odd;
            var offset = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(offsets), (nuint)(block * Vector256<float>.Count));
            var scale = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(scales), (nuint)(block * Vector256<float>.Count));
            Vector256<float> score;
            if (!trueToTone)
            {
                // A glyph and its inverse explain the same variance; the one drawn brighter than its background (positive
                // covariance, ink on paper as text shows it) wins the tie.
                var covariance = dot - Vector256.Create(sum) * offset;
                var inverted = Vector256.LessThan(covariance, Vector256<float>.Zero);
                score = covariance * covariance * scale * Vector256.ConditionalSelect(inverted, Vector256.Create(InvertedTieFactor), Vector256<float>.One);
            }
            else
            {
                score = dot * scale - offset;
            }

            score.StoreUnsafe(ref MemoryMarshal.GetReference(scores), (nuint)(block * Vector256<float>.Count));
        }
    }

    private static int ArgMax(ReadOnlySpan<float> scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }

    private bool IsSceneCut(ReadOnlySpan<byte> samples)
    {
        long change = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            change += Math.Abs(samples[i] - _previousSamples[i]);
        }

        return change > SceneCutChange * samples.Length;
    }
}
