namespace VidStudio.Core.Mapping;

/// <summary>Which of a ramp's characters each brightness 0..255 picks: equal bands, dark first.</summary>
public static class BrightnessIndex
{
    /// <summary>A 256-entry lookup table, so a cell's character is one array read.</summary>
    public static ushort[] ForRamp(int rampLength)
    {
        var table = new ushort[256];
        for (var v = 0; v < table.Length; v++)
        {
            table[v] = (ushort)(v * rampLength / 256);
        }

        return table;
    }
}
