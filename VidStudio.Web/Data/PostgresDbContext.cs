using Microsoft.EntityFrameworkCore;

namespace VidStudio.Web.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own because EF Core finds migrations by context type: the PostgreSQL
/// migrations (Data/Migrations/Postgres) are generated for this one, the SQLite ones for <see cref="VidStudioDbContext"/>.
/// </summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : VidStudioDbContext(options)
{
    private const string CaseInsensitive = "case_insensitive";

    // An ICU collation that ignores case (strength 2), so "Admin" and "admin" are one name for the unique indexes too.
    protected override string CaseInsensitiveCollation => CaseInsensitive;

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasCollation(CaseInsensitive, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        base.OnModelCreating(model);
    }
}
