using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VidStudio.Core.Options;
using VidStudio.Core.Rendering;
using VidStudio.Web.Auth;
using VidStudio.Web.Configuration;
using VidStudio.Web.Data;
using VidStudio.Web.Storage;

namespace VidStudio.Web.Fonts;

/// <summary>
/// The fonts the <c>font</c> parameter can name: the bundled ones (<see cref="BundledFonts"/>, those installed here)
/// and the ones users upload. An upload belongs to its user like a preset: only they list it, use it and delete it (an
/// admin may delete anyone's). Its file is kept by the job storage (the fonts folder, or the store with s3) and found
/// through the database, so a job finds its font on any worker — and a job whose font was deleted before it ran fails
/// saying so.
/// Loaded fonts are kept by file: the same font object each time, so the preview's glyph atlases are reused.
/// </summary>
public sealed class FontCatalog(IDbContextFactory<VidStudioDbContext> databases, IJobStorage storage, FontSet defaultFont, IOptions<VidStudioSettings> settings, TimeProvider clock)
{
    private readonly string _fallbackPath = settings.Value.FallbackFontPath;
    private readonly ConcurrentDictionary<string, Lazy<FontSet>> _loaded = new();

    /// <summary>The bundled fonts installed here, then the caller's uploads by name.</summary>
    public async Task<IReadOnlyList<FontInfo>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        var bundled = BundledFonts.All.Where(IsInstalled).Select(font =>
        {
            var loaded = LoadBundled(font);
            return new FontInfo(font.Name, loaded.Family, loaded.CellAspect, true, loaded.IsMonospace, null, null);
        });
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var uploaded = await OwnedBy(db.Fonts, caller).AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);
        return [.. bundled, .. uploaded.Select(FontInfo.From)];
    }

    /// <summary>
    /// The font <paramref name="name"/> names for the user <paramref name="ownerId"/> (a job's owner, the Studio's or the
    /// API's caller), or an <see cref="InvalidOptionsException"/> on the <c>font</c> field saying why there is none.
    /// </summary>
    public async Task<FontSet> ResolveAsync(string name, long? ownerId, CancellationToken cancellationToken = default)
    {
        if (BundledFonts.Find(name) is { } bundled)
        {
            return IsInstalled(bundled)
                ? LoadBundled(bundled)
                : throw FontError($"The font '{bundled.Name}' is not installed on this server (Debian package {bundled.DebianPackage}; scripts/install-deps.sh installs it).");
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.Fonts.AsNoTracking().SingleOrDefaultAsync(f => f.OwnerId == ownerId && f.Name == name.Trim(), cancellationToken)
            ?? throw FontError($"There is no font '{name}' among the bundled fonts and yours (GET /api/v1/fonts lists them); a font deleted after it was chosen cannot be used.");
        return await storage.FontFileAsync(record.FileName, cancellationToken) is { } path
            ? Load(path)
            : throw FontError($"The file of the font '{record.Name}' is missing from the server's storage; upload the font again.");
    }

    /// <summary>
    /// Stores the font in <paramref name="stagedPath"/> under <paramref name="name"/> for the caller, once it has been read
    /// as a font; the staged file is moved, or left for its owner to delete when refused.
    /// </summary>
    public async Task<(FontInfo? Font, FontRefusal? Refusal, string? Reason)> AddAsync(string? name, string stagedPath, Caller caller, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        if (FontNames.Check(name) is { } nameError)
        {
            return (null, FontRefusal.BadName, nameError);
        }

        if (BundledFonts.Find(name) is not null)
        {
            return (null, FontRefusal.NameTaken, $"'{name}' is a bundled font; upload under another name.");
        }

        var (font, fontError) = FontSet.TryLoad(stagedPath, _fallbackPath);
        if (font is null)
        {
            return (null, FontRefusal.NotAFont, fontError);
        }

        var record = new FontRecord
        {
            Name = name,
            OwnerId = caller.UserId,
            FileName = Guid.NewGuid().ToString("N") + ".font",
            Family = font.Family.Length > FontRecord.MaxFamilyLength ? font.Family[..FontRecord.MaxFamilyLength] : font.Family,
            CellAspect = font.CellAspect,
            Monospace = font.IsMonospace,
            SizeBytes = new FileInfo(stagedPath).Length,
            CreatedAt = clock.GetUtcNow(),
        };
        font.Dispose();

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await OwnedBy(db.Fonts, caller).AnyAsync(f => f.Name == name, cancellationToken))
        {
            return (null, FontRefusal.NameTaken, $"You already have a font named '{name}'; delete it first or choose another name.");
        }

        try
        {
            await storage.StoreFontAsync(record.FileName, stagedPath, cancellationToken);
        }
        catch (StorageUnavailableException e)
        {
            return (null, FontRefusal.StorageUnavailable, $"Fonts cannot be kept right now: {e.Message}");
        }

        db.Fonts.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same name was uploaded at the same moment: the unique index refused this one.
            try
            {
                await storage.DeleteFontAsync(record.FileName, CancellationToken.None);
            }
            catch (StorageUnavailableException)
            {
                // Left in the store: a font without a record is never found, only its bytes stay.
            }

            return (null, FontRefusal.NameTaken, $"A font named '{name}' was uploaded at the same moment.");
        }

        return (FontInfo.From(record), null, null);
    }

    /// <summary>
    /// Deletes the caller's font of that name; an admin with none of their own deletes the one user font of that name.
    /// Jobs that still name it fail when they run, saying the font is gone.
    /// </summary>
    public async Task<FontRefusal?> DeleteAsync(string name, Caller caller, CancellationToken cancellationToken = default)
    {
        if (BundledFonts.Find(name) is not null)
        {
            return FontRefusal.Bundled;
        }

        name = name.Trim();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var matches = await OwnedBy(db.Fonts, caller).Where(f => f.Name == name).ToListAsync(cancellationToken);
        if (matches.Count == 0 && caller.IsAdmin)
        {
            matches = await db.Fonts.Where(f => f.Name == name).Take(2).ToListAsync(cancellationToken);
        }

        if (matches.Count != 1)
        {
            return matches.Count == 0 ? FontRefusal.NotFound : FontRefusal.Ambiguous;
        }

        // The file first: a store that does not answer keeps the font whole rather than leaving its file without a record.
        try
        {
            await storage.DeleteFontAsync(matches[0].FileName, cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            return FontRefusal.StorageUnavailable;
        }

        // A render on this node may still hold the loaded font: it is dropped from the cache, not disposed.
        foreach (var path in _loaded.Keys.Where(path => Path.GetFileName(path) == matches[0].FileName))
        {
            _loaded.TryRemove(path, out _);
        }

        db.Fonts.Remove(matches[0]);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static bool IsInstalled(BundledFont font) => font.Name == ConversionOptions.DefaultFont || File.Exists(font.Path);

    /// <summary>The default font is the installation's (setting MonoFontPath); the others load from their packages' paths.</summary>
    private FontSet LoadBundled(BundledFont font) => font.Name == ConversionOptions.DefaultFont ? defaultFont : Load(font.Path);

    private FontSet Load(string path) =>
        _loaded.GetOrAdd(path, p => new Lazy<FontSet>(() => new FontSet(p, _fallbackPath))).Value;

    private static InvalidOptionsException FontError(string message) => new([new(ConversionOptions.FieldNames.Font, message)]);

    private static IQueryable<FontRecord> OwnedBy(IQueryable<FontRecord> fonts, Caller caller) => fonts.Where(f => f.OwnerId == caller.UserId);
}
