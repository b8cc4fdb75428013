using System.ComponentModel.DataAnnotations;

namespace VidStudio.Web.Configuration;

/// <summary>Section <c>VidStudio:Auth</c>.</summary>
public sealed class AuthSettings
{
    public AuthMode Mode { get; set; } = AuthMode.Auto;

    /// <summary>Keys accepted in addition to those in the database, for automation and bootstrap; they act as the first admin.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>How long a Studio sign-in lasts without activity.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How often an open Studio tab (its Blazor circuit) checks, unprompted, that its session still stands; it also
    /// checks before every action that reads or changes data.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:30")]
    public TimeSpan SessionRevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}
