namespace VidStudio.Bench;

internal static class Table
{
    /// <summary>Prints rows as left-aligned columns; the first row is the header.</summary>
    public static void Print(IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }
    }
}
