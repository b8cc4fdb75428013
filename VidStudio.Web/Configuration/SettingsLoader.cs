using Microsoft.Extensions.Options;

namespace VidStudio.Web.Configuration;

/// <summary>
/// Section <c>VidStudio</c> through the options pipeline (bind, post-configure, every <see cref="IValidateOptions{T}"/>),
/// run before the host is built: services are registered from these settings, so a bad value must stop the process
/// before anything uses it; <c>ValidateOnStart</c> would only check it when the host starts, after that.
/// </summary>
public static class SettingsLoader
{
    /// <exception cref="InvalidOperationException">A value does not convert to its setting's type; the message names the setting.</exception>
    /// <exception cref="OptionsValidationException">Settings break a rule; each of its failures names the setting.</exception>
    public static VidStudioSettings Load(IConfiguration configuration, IEnumerable<IValidateOptions<VidStudioSettings>> validators)
    {
        var factory = new OptionsFactory<VidStudioSettings>(
            [new ConfigureFromConfigurationOptions<VidStudioSettings>(configuration.GetSection(VidStudioSettings.Section))],
            [new PostConfigureOptions<VidStudioSettings>(Options.DefaultName, s => s.Database.ConnectionString ??= configuration.GetConnectionString("VidStudio"))],
            validators);
        return factory.Create(Options.DefaultName);
    }
}
