using VidStudio.Web.Data;

namespace VidStudio.Web.Fonts;

/// <summary>A font as the API lists it: its name in the <c>font</c> parameter, its family, its cell's width / height.</summary>
public sealed record FontInfo(string Name, string Family, double CellAspect, bool Bundled, bool Monospace, long? SizeBytes, DateTimeOffset? CreatedAt)
{
    public static FontInfo From(FontRecord record) =>
        new(record.Name, record.Family, record.CellAspect, false, record.Monospace, record.SizeBytes, record.CreatedAt);
}
