using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace VidStudio.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WatchedFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WatchedFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FolderPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    LastWriteTicks = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    JobId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WatchedFiles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WatchedFiles_FolderPath_FileName_SizeBytes_LastWriteTicks",
                table: "WatchedFiles",
                columns: new[] { "FolderPath", "FileName", "SizeBytes", "LastWriteTicks" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WatchedFiles_State",
                table: "WatchedFiles",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WatchedFiles");
        }
    }
}
