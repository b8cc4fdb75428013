namespace VidStudio.Tests.Support;

/// <summary>The clone the tests were built from: the folder holding VidStudio.sln, above the test binaries.</summary>
public static class Repository
{
    public static string? Root { get; } = Find();

    /// <summary>Where a test saves a screenshot: next to the solution when run from a clone (TestResults/ is ignored by git), else in the test output.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(Root ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

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
