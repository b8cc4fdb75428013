namespace VidStudio.Core.Output;

/// <summary>Writes a file under a temporary name and renames it into place once complete; returns the bytes written.</summary>
internal static class AtomicFile
{
    public static long Write(string path, ReadOnlySpan<byte> content)
    {
        var partial = path + ArtifactNames.PartialSuffix;
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
        {
            stream.Write(content);
        }

        File.Move(partial, path, overwrite: true);
        return content.Length;
    }

    /// <summary>The same for content produced by a writer (<paramref name="write"/> gets a buffered stream).</summary>
    public static long Write<TState>(string path, TState state, Action<Stream, TState> write)
    {
        var partial = path + ArtifactNames.PartialSuffix;
        long length;
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            write(stream, state);
            length = stream.Position;
        }

        File.Move(partial, path, overwrite: true);
        return length;
    }

    /// <summary>Removes the partial files an interrupted run left in <paramref name="directory"/>.</summary>
    public static void DeletePartials(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var partial in Directory.EnumerateFiles(directory, "*" + ArtifactNames.PartialSuffix))
        {
            File.Delete(partial);
        }
    }
}
