using VidStudio.Web.Configuration;

namespace VidStudio.Web.WatchFolders;

/// <summary>What a converted source becomes: moved into <c>done</c>, deleted, or left where it is.</summary>
public enum DoneAction
{
    Move,
    Delete,
    Keep,
}

/// <summary>One configured watch folder with its paths made absolute; <see cref="Index"/> names its settings in messages.</summary>
public sealed record WatchFolder(int Index, string Path, string OutputPath, string? Preset, DoneAction DoneAction, string? Owner, TimeSpan SettleTime)
{
    public const string DoneFolderName = "done";

    public const string FailedFolderName = "failed";

    /// <summary>The accepted spellings of <see cref="WatchFolderSettings.DoneAction"/>.</summary>
    public static IReadOnlyDictionary<string, DoneAction> DoneActions { get; } = new Dictionary<string, DoneAction>(StringComparer.OrdinalIgnoreCase)
    {
        ["move"] = DoneAction.Move,
        ["delete"] = DoneAction.Delete,
        ["keep"] = DoneAction.Keep,
    };

    public string DoneFolder => System.IO.Path.Combine(Path, DoneFolderName);

    public string FailedFolder => System.IO.Path.Combine(Path, FailedFolderName);

    /// <summary>The setting's name in messages: <c>VidStudio:WatchFolders:0:Preset</c>.</summary>
    public string SettingName(string field) => SettingName(Index, field);

    public static string SettingName(int index, string field) => $"VidStudio:WatchFolders:{index}:{field}";

    /// <summary>The one spelling of a configured folder: absolute, without a trailing separator (it is recorded with each file).</summary>
    public static string FullPath(string configured) => System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(configured));

    /// <summary>The folders of validated settings (see <see cref="WatchFolderSettingsValidator"/>).</summary>
    public static IReadOnlyList<WatchFolder> From(VidStudioSettings settings) =>
    [
        .. settings.WatchFolders.Select((folder, index) => new WatchFolder(
            index,
            FullPath(folder.Path!),
            FullPath(folder.OutputPath!),
            string.IsNullOrWhiteSpace(folder.Preset) ? null : folder.Preset.Trim(),
            DoneActions[folder.DoneAction],
            string.IsNullOrWhiteSpace(folder.Owner) ? null : folder.Owner.Trim(),
            folder.SettleTime)),
    ];
}
