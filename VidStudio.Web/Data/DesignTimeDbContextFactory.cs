using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VidStudio.Web.Data;

/// <summary>Lets <c>dotnet ef</c> create migrations without starting the server (Hangfire, recovery, ...).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<VidStudioDbContext>
{
    public VidStudioDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<VidStudioDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
