using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VidStudio.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebhookDeliveriesOutliveJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_WebhookDeliveries_Jobs_JobId",
                table: "WebhookDeliveries");

            migrationBuilder.AlterColumn<long>(
                name: "JobId",
                table: "WebhookDeliveries",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddForeignKey(
                name: "FK_WebhookDeliveries_Jobs_JobId",
                table: "WebhookDeliveries",
                column: "JobId",
                principalTable: "Jobs",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_WebhookDeliveries_Jobs_JobId",
                table: "WebhookDeliveries");

            migrationBuilder.AlterColumn<long>(
                name: "JobId",
                table: "WebhookDeliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_WebhookDeliveries_Jobs_JobId",
                table: "WebhookDeliveries",
                column: "JobId",
                principalTable: "Jobs",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
