namespace VidStudio.Web.Fonts;

/// <summary>Why a font was not stored or deleted; the API answers each with its own status.</summary>
public enum FontRefusal
{
    /// <summary>The name is not of the form a font name takes.</summary>
    BadName,

    /// <summary>The file is not a font that can draw letters (not a font at all, truncated, no ASCII glyphs).</summary>
    NotAFont,

    /// <summary>The caller already has a font of that name, or it is a bundled font's.</summary>
    NameTaken,

    /// <summary>Bundled fonts cannot be deleted.</summary>
    Bundled,

    NotFound,

    /// <summary>The store that keeps fonts (s3) does not answer; try again once it is back.</summary>
    StorageUnavailable,

    /// <summary>An admin deleting another user's font by a name that several users have.</summary>
    Ambiguous,
}
