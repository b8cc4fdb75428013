namespace VidStudio.Core.Mapping.Dithering;

/// <summary>
/// Floyd–Steinberg's bookkeeping over a grid taken in raster order: the error each cell is handed by the cells before
/// it, and where its own goes — 7/16 to the right, 3/16, 5/16 and 1/16 to the row below. Any number of channels per
/// cell (one for a tone, three for a colour). Shares that would leave the grid fall into a spare cell at each end.
/// </summary>
internal sealed class ErrorRows(int columns, int channels)
{
    private float[] _current = new float[(columns + 2) * channels], _next = new float[(columns + 2) * channels];

    /// <summary>A new frame: nothing carried over.</summary>
    public void Start()
    {
        Array.Clear(_current);
        Array.Clear(_next);
    }

    public float Carried(int column, int channel) => _current[(column + 1) * channels + channel];

    public void Spread(int column, int channel, float error)
    {
        var here = (column + 1) * channels + channel;
        _current[here + channels] += error * (7f / 16);
        _next[here - channels] += error * (3f / 16);
        _next[here] += error * (5f / 16);
        _next[here + channels] += error * (1f / 16);
    }

    /// <summary>Moves to the next row: what the row below was handed becomes what its cells carry.</summary>
    public void NextRow()
    {
        (_current, _next) = (_next, _current);
        Array.Clear(_next);
    }
}
