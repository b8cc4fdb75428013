using System.Diagnostics;

namespace VidStudio.Bench;

internal static class Shell
{
    public static async Task RunAsync(string executable, params string[] arguments) => await RunCapturingErrorsAsync(executable, arguments);

    /// <summary>Runs to completion and returns what the program wrote to stderr (where ffmpeg prints filter results).</summary>
    public static async Task<string> RunCapturingErrorsAsync(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} failed ({process.ExitCode}): {errors}");
        }

        return errors;
    }
}
