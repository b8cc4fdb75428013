namespace VidStudio.Web.Configuration;

public static class Startup
{
    /// <summary>Stops the process before the host starts, saying what is wrong with the configuration.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine("VidStudio cannot start: invalid configuration.");
        Console.Error.WriteLine(message);
        Console.Error.WriteLine("Settings come from appsettings.json and environment variables such as VidStudio__MaxConcurrentJobs=2.");
        return 78; // EX_CONFIG
    }
}
