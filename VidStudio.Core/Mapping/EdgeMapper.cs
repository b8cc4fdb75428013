using VidStudio.Core.Frames;
using VidStudio.Core.Mapping.Dithering;

namespace VidStudio.Core.Mapping;

/// <summary>
/// Cells on a strong edge get a line character along the edge (<c>- / | \ _</c>); the rest are filled from a ramp.
/// Sobel gradients are taken on the sample grid; a cell's edge direction comes from the structure tensor of its
/// samples, which — unlike summing gradients — does not cancel out on thin lines with edges of both signs. The fill is
/// quantised over the whole grid, so a dither sees every cell's tone (error diffusion passes through edge cells too).
/// </summary>
public sealed class EdgeMapper : ICharacterMapper
{
    /// <summary>Mean |gx|+|gy| per sample (Sobel, 0..2040) above which a cell counts as an edge.</summary>
    public const int EdgeThreshold = 160;

    /// <summary>Marks a cell of <see cref="_lines"/> that is not on an edge.</summary>
    private const ushort NoLine = ushort.MaxValue;

    private readonly GridGeometry _geometry;
    private readonly ToneQuantizer _fill;
    private readonly byte[] _tones;
    private readonly ushort[] _lines;
    private readonly ushort _horizontal, _rising, _vertical, _falling, _underline;

    public EdgeMapper(GridGeometry geometry, string fillRamp, Dither dither = default)
    {
        _geometry = geometry;
        Glyphs = new GlyphSet(fillRamp + GlyphSet.Ramps.EdgeLines);
        _fill = ToneQuantizer.Create(dither, fillRamp.Length, geometry.Columns, geometry.Rows);
        (_tones, _lines) = (new byte[geometry.CellCount], new ushort[geometry.CellCount]);

        var lines = (ushort)fillRamp.Length;
        (_horizontal, _rising, _vertical, _falling, _underline) = (lines, (ushort)(lines + 1), (ushort)(lines + 2), (ushort)(lines + 3), (ushort)(lines + 4));
    }

    public GlyphSet Glyphs { get; }

    public void Map(ReadOnlySpan<byte> samples, Span<ushort> cells, int frameIndex)
    {
        int width = _geometry.SampleWidth, height = _geometry.SampleHeight;
        for (var row = 0; row < _geometry.Rows; row++)
        {
            for (var column = 0; column < _geometry.Columns; column++)
            {
                double jxx = 0, jyy = 0, jxy = 0;
                int magnitude = 0, brightness = 0, upperGy = 0, lowerGy = 0;
                for (var dy = 0; dy < GridGeometry.SamplesPerCellY; dy++)
                {
                    var y = row * GridGeometry.SamplesPerCellY + dy;
                    for (var dx = 0; dx < GridGeometry.SamplesPerCellX; dx++)
                    {
                        var x = column * GridGeometry.SamplesPerCellX + dx;
                        var (gx, gy) = Sobel(samples, width, height, x, y);
                        jxx += gx * gx;
                        jyy += gy * gy;
                        jxy += gx * gy;
                        magnitude += Math.Abs(gx) + Math.Abs(gy);
                        brightness += samples[y * width + x];
                        if (dy < 2) upperGy += Math.Abs(gy); else lowerGy += Math.Abs(gy);
                    }
                }

                var cell = row * _geometry.Columns + column;
                _tones[cell] = (byte)((brightness + 4) >> 3);
                if (magnitude / 8 < EdgeThreshold)
                {
                    _lines[cell] = NoLine;
                    continue;
                }

                // Gradient orientation (y down), then the edge line is perpendicular to it; fold to 0..180° with y up.
                var gradientAngle = 0.5 * Math.Atan2(2 * jxy, jxx - jyy);
                var lineAngle = -(gradientAngle + Math.PI / 2) * 180 / Math.PI;
                lineAngle = ((lineAngle % 180) + 180) % 180;
                _lines[cell] = lineAngle switch
                {
                    < 22.5 or >= 157.5 => lowerGy > upperGy ? _underline : _horizontal,
                    < 67.5 => _rising,
                    < 112.5 => _vertical,
                    _ => _falling,
                };
            }
        }

        _fill.Quantize(_tones, cells);
        for (var cell = 0; cell < _lines.Length; cell++)
        {
            if (_lines[cell] != NoLine)
            {
                cells[cell] = _lines[cell];
            }
        }
    }

    private static (int Gx, int Gy) Sobel(ReadOnlySpan<byte> s, int width, int height, int x, int y)
    {
        int xl = Math.Max(x - 1, 0), xr = Math.Min(x + 1, width - 1);
        int yu = Math.Max(y - 1, 0), yd = Math.Min(y + 1, height - 1);
        int up = yu * width, mid = y * width, down = yd * width;
        var gx = s[up + xr] + 2 * s[mid + xr] + s[down + xr] - s[up + xl] - 2 * s[mid + xl] - s[down + xl];
        var gy = s[down + xl] + 2 * s[down + x] + s[down + xr] - s[up + xl] - 2 * s[up + x] - s[up + xr];
        return (gx, gy);
    }
}
