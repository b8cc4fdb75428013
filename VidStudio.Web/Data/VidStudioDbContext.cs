using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VidStudio.Web.Data;

/// <summary>The job table, presets, uploaded fonts, users and keys. This type carries the SQLite migrations; <see cref="PostgresDbContext"/> the PostgreSQL ones.</summary>
public class VidStudioDbContext(DbContextOptions options) : DbContext(options)
{
    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    public DbSet<ArtifactRecord> Artifacts => Set<ArtifactRecord>();

    public DbSet<PresetRecord> Presets => Set<PresetRecord>();

    public DbSet<FontRecord> Fonts => Set<FontRecord>();

    public DbSet<UserRecord> Users => Set<UserRecord>();

    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    public DbSet<WebhookDeliveryRecord> WebhookDeliveries => Set<WebhookDeliveryRecord>();

    public DbSet<UploadWindowRecord> UploadWindows => Set<UploadWindowRecord>();

    public DbSet<WatchedFileRecord> WatchedFiles => Set<WatchedFileRecord>();

    /// <summary>Names (presets, users) compare without case: SQLite's built-in NOCASE here.</summary>
    protected virtual string CaseInsensitiveCollation => "NOCASE";

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<JobRecord>(job =>
        {
            job.HasIndex(j => j.PublicId).IsUnique();
            job.HasIndex(j => j.BatchId);
            job.HasIndex(j => new { j.Status, j.FinishedAt });
            job.HasIndex(j => j.CreatedAt);
            job.HasIndex(j => j.OwnerId);
            job.Property(j => j.PublicId).HasMaxLength(12);
            job.Property(j => j.RunId).HasMaxLength(32);
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
            // SQLite cannot order DateTimeOffset; stored as UTC ticks, ORDER BY and comparisons run in the database.
            job.Property(j => j.CreatedAt).HasConversion(UtcTicks);
            job.Property(j => j.StartedAt).HasConversion(UtcTicks);
            job.Property(j => j.FinishedAt).HasConversion(UtcTicks);
            job.HasMany(j => j.Artifacts).WithOne().HasForeignKey(a => a.JobId).OnDelete(DeleteBehavior.Cascade);
            job.HasMany(j => j.WebhookDeliveries).WithOne().HasForeignKey(d => d.JobId).OnDelete(DeleteBehavior.SetNull);
            job.Property(j => j.CallbackUrl).HasMaxLength(WebhookDeliveryRecord.MaxUrlLength);
            job.Ignore(j => j.IsFinished);
        });
        model.Entity<PresetRecord>(preset =>
        {
            preset.HasIndex(p => new { p.OwnerId, p.Name }).IsUnique();
            preset.Property(p => p.Name).HasMaxLength(PresetRecord.MaxNameLength).UseCollation(CaseInsensitiveCollation);
            preset.Property(p => p.CreatedAt).HasConversion(UtcTicks);
        });
        model.Entity<FontRecord>(font =>
        {
            font.HasIndex(f => new { f.OwnerId, f.Name }).IsUnique();
            font.Property(f => f.Name).HasMaxLength(Core.Options.ConversionOptions.MaxFontNameLength).UseCollation(CaseInsensitiveCollation);
            font.Property(f => f.FileName).HasMaxLength(64);
            font.Property(f => f.Family).HasMaxLength(FontRecord.MaxFamilyLength);
            font.Property(f => f.CreatedAt).HasConversion(UtcTicks);
        });
        model.Entity<UserRecord>(user =>
        {
            user.HasIndex(u => u.Name).IsUnique();
            user.Property(u => u.Name).HasMaxLength(UserRecord.MaxNameLength).UseCollation(CaseInsensitiveCollation);
            user.Property(u => u.Role).HasConversion<string>().HasMaxLength(8);
            user.Property(u => u.CreatedAt).HasConversion(UtcTicks);
            user.HasMany(u => u.Keys).WithOne(k => k.User).HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ApiKeyRecord>(key =>
        {
            key.HasIndex(k => k.Hash).IsUnique();
            key.Property(k => k.Hash).HasMaxLength(64);
            key.Property(k => k.Prefix).HasMaxLength(16);
            key.Property(k => k.Name).HasMaxLength(UserRecord.MaxNameLength);
            key.Property(k => k.CreatedAt).HasConversion(UtcTicks);
            key.Property(k => k.LastUsedAt).HasConversion(UtcTicks);
            key.Property(k => k.RevokedAt).HasConversion(UtcTicks);
        });
        model.Entity<WebhookDeliveryRecord>(delivery =>
        {
            delivery.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
            delivery.Property(d => d.Event).HasMaxLength(16);
            delivery.Property(d => d.CreatedAt).HasConversion(UtcTicks);
            delivery.HasMany(d => d.Attempts).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
            // One delivery per job and endpoint, however many times the job's end is reported.
            delivery.HasIndex(d => new { d.JobId, d.FromCallback, d.Url }).IsUnique();
            delivery.Property(d => d.Url).HasMaxLength(WebhookDeliveryRecord.MaxUrlLength);
        });
        model.Entity<WebhookAttemptRecord>(attempt =>
        {
            attempt.ToTable("WebhookAttempts");
            // An attempt is claimed by inserting it: two workers given the same Hangfire job cannot both call.
            attempt.HasIndex(a => new { a.DeliveryId, a.Number }).IsUnique();
            attempt.Property(a => a.AttemptedAt).HasConversion(UtcTicks);
        });
        model.Entity<UploadWindowRecord>(window =>
        {
            window.ToTable("UploadWindows");
            window.HasKey(w => new { w.Partition, w.WindowStart });
            window.Property(w => w.Partition).HasMaxLength(UploadWindowRecord.MaxPartitionLength);
            window.HasIndex(w => w.WindowStart);
        });
        model.Entity<WatchedFileRecord>(file =>
        {
            file.ToTable("WatchedFiles");
            // The claim: one row per file version, whichever node inserts it first takes the file.
            file.HasIndex(f => new { f.FolderPath, f.FileName, f.SizeBytes, f.LastWriteTicks }).IsUnique();
            file.HasIndex(f => f.State);
            file.Property(f => f.FolderPath).HasMaxLength(WatchedFileRecord.MaxFolderLength);
            file.Property(f => f.FileName).HasMaxLength(WatchedFileRecord.MaxFileNameLength);
            file.Property(f => f.State).HasConversion<string>().HasMaxLength(16);
            file.Property(f => f.JobId).HasMaxLength(12);
            // A concurrency token: the save that links a claim to its job fails if another node took the claim over meanwhile.
            file.Property(f => f.UpdatedAt).HasConversion(UtcTicks).IsConcurrencyToken();
        });
        model.Entity<ArtifactRecord>(artifact =>
        {
            artifact.Property(a => a.Kind).HasConversion<string>().HasMaxLength(8);
            artifact.HasIndex(a => new { a.JobId, a.FileName }).IsUnique();
        });
    }
}
