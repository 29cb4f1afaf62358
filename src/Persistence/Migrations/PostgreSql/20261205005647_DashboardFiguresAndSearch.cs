using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SosepBot.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DashboardFiguresAndSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "LimitExceeded",
                table: "Requests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "ResolutionBusinessSeconds",
                table: "Requests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Requests",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Comments",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_ClosedAt",
                table: "Requests",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_CreatedAt",
                table: "Requests",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_ClosedAt",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_CreatedAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "LimitExceeded",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ResolutionBusinessSeconds",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Comments");
        }
    }
}
