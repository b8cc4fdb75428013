using System.Diagnostics;

namespace VidStudio.Tests.Support;

/// <summary>The documented client examples (examples/, copied next to the tests), run as a user runs them.</summary>
public static class ExampleScripts
{
    public sealed record Result(int ExitCode, string Output, string Errors, string? Video);

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    /// <summary>Runs in a fresh <paramref name="workDirectory"/>; <see cref="Result.Video"/> is the MP4 the script saved there.</summary>
    public static Result Run(string workDirectory, IReadOnlyDictionary<string, string> environment, string executable, params string[] arguments)
    {
        Directory.CreateDirectory(workDirectory);
        var start = new ProcessStartInfo(executable) { WorkingDirectory = workDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr, Directory.GetFiles(workDirectory, "ascii_*.mp4").SingleOrDefault());
    }
}
