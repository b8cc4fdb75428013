using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VidStudio.Web.Data;

/// <summary>Lets <c>dotnet ef</c> create migrations without starting the server (Hangfire, recovery, ...).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<VidStudioDbContext>
{
    public VidStudioDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<VidStudioDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary><c>dotnet ef migrations add NAME --context PostgresDbContext --output-dir Data/Migrations/Postgres</c>; no server is contacted.</summary>
public sealed class DesignTimePostgresDbContextFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql("Host=localhost;Database=vidstudio_design").Options);
}
