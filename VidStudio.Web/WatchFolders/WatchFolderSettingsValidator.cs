using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using VidStudio.Web.Configuration;

namespace VidStudio.Web.WatchFolders;

/// <summary>
/// <c>VidStudio:WatchFolders</c> as far as files tell: folders that exist, an output folder outside the watched one, a
/// known done action. Owners and presets live in the database and are checked once it is migrated
/// (<see cref="WatchFolderOwners.CheckAsync"/>).
/// </summary>
public sealed class WatchFolderSettingsValidator : IValidateOptions<VidStudioSettings>
{
    public ValidateOptionsResult Validate(string? name, VidStudioSettings settings)
    {
        var failures = new List<string>();
        var watched = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < settings.WatchFolders.Length; index++)
        {
            var folder = settings.WatchFolders[index];
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(folder, new ValidationContext(folder), results, validateAllProperties: true);
            failures.AddRange(results.Select(r => $"{WatchFolder.SettingName(index, string.Join(",", r.MemberNames))}: {r.ErrorMessage}"));

            if (!WatchFolder.DoneActions.ContainsKey(folder.DoneAction ?? ""))
            {
                failures.Add($"{WatchFolder.SettingName(index, "DoneAction")}: '{folder.DoneAction}' is not one of {string.Join(", ", WatchFolder.DoneActions.Keys)}.");
            }

            var path = FullPath(folder.Path, WatchFolder.SettingName(index, "Path"), failures);
            var output = FullPath(folder.OutputPath, WatchFolder.SettingName(index, "OutputPath"), failures);
            if (path is null)
            {
                continue;
            }

            if (!Directory.Exists(path))
            {
                failures.Add($"{WatchFolder.SettingName(index, "Path")}: the folder '{path}' does not exist.");
            }

            if (watched.TryGetValue(path, out var other))
            {
                failures.Add($"{WatchFolder.SettingName(index, "Path")}: '{path}' is already watched by {WatchFolder.SettingName(other, "Path")}.");
            }

            watched[path] = index;
            // Outputs inside the watched folder would be taken for new sources (or land in done/failed).
            if (output is not null && IsSameOrInside(output, path))
            {
                failures.Add($"{WatchFolder.SettingName(index, "OutputPath")}: '{output}' is inside the watched folder '{path}'; put the outputs elsewhere.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? FullPath(string? configured, string setting, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            failures.Add($"{setting}: missing; every watch folder needs a Path and an OutputPath.");
            return null;
        }

        if (configured.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{setting}: '{configured}' is not a valid path.");
            return null;
        }

        return WatchFolder.FullPath(configured);
    }

    private static bool IsSameOrInside(string path, string folder) =>
        path == folder || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
