using System.Diagnostics;
using System.Text.Json;

namespace VidStudio.Tests.Engine;

public class CliTests(Support.Engine engine) : IClassFixture<Support.Engine>
{
    private static (int ExitCode, string Stdout, string Stderr) RunCli(string workingDirectory, params string[] arguments)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "vidstudio.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void Convert_prints_progress_and_a_json_summary_even_for_a_file_named_like_an_option()
    {
        var source = engine.Media.TestSource("-video-with-dash-.mp4", 160, 90, seconds: 1);

        var (exit, stdout, stderr) = RunCli(engine.Media.Directory, "convert", Path.GetFileName(source), "cli-out", "--width", "30", "--save-txt", "--save-png", "false");

        Assert.True(exit == 0, stderr);
        Assert.Contains("Processed 25 of 25 frames", stderr);
        using var summary = JsonDocument.Parse(stdout);
        Assert.Equal(25, summary.RootElement.GetProperty("frames_count").GetInt32());
        Assert.Equal(25, summary.RootElement.GetProperty("artifacts").GetProperty("text").GetProperty("count").GetInt32());
        Assert.True(File.Exists(Path.Combine(engine.Media.Directory, "cli-out", "video.mp4")));
    }

    [Fact]
    public void Bad_parameters_and_bad_files_exit_with_a_message_not_a_stack_trace()
    {
        var (exit, _, stderr) = RunCli(engine.Media.Directory, "convert", "whatever.mp4", "out", "--width", "5");
        Assert.Equal(2, exit);
        Assert.Contains("width must be between 10 and 240", stderr);

        File.WriteAllText(engine.Media.PathOf("fake.mp4"), "not a video");
        (exit, _, stderr) = RunCli(engine.Media.Directory, "convert", "fake.mp4", "out");
        Assert.Equal(3, exit);
        Assert.Contains("not a video", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
