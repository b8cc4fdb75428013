namespace VidStudio.Tests.Support;

/// <summary>The clone the tests were built from: the folder holding VidStudio.sln, above the test binaries.</summary>
public static class Repository
{
    public static string? Root { get; } = Find();

    private static string? Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VidStudio.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }
}
