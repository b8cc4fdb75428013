using System.ComponentModel.DataAnnotations;

namespace VidStudio.Web.Configuration;

/// <summary>
/// One entry of <c>VidStudio:WatchFolders</c>: a folder whose new videos are converted without a request
/// (<c>VidStudio__WatchFolders__0__Path=/srv/inbox</c>). Checked at start-up by <c>WatchFolders.WatchFolderSettingsValidator</c>.
/// </summary>
public sealed class WatchFolderSettings
{
    /// <summary>The folder watched (its own files only, not sub-folders); <c>done</c> and <c>failed</c> are made inside it.</summary>
    public string? Path { get; set; }

    /// <summary>Where each converted file's outputs are copied, as <c>OutputPath/&lt;file name without extension&gt;/</c>.</summary>
    public string? OutputPath { get; set; }

    /// <summary>A built-in preset or a saved preset of <see cref="Owner"/>; empty: the installation's defaults.</summary>
    public string? Preset { get; set; }

    /// <summary>What happens to a converted source: <c>move</c> (into <c>Path/done</c>, the default), <c>delete</c> or <c>keep</c>.</summary>
    public string DoneAction { get; set; } = "move";

    /// <summary>The user who owns the jobs (their presets, their job list); empty: the first admin, or nobody while authentication is off.</summary>
    public string? Owner { get; set; }

    /// <summary>How long a file's size and modification time must stay the same before it counts as complete.</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00")]
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(2);
}
