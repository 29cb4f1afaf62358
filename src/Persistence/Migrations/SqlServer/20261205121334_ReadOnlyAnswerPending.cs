using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SosepBot.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReadOnlyAnswerPending : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AnswerPending",
                table: "TeamsInboundActivities",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_TeamsInboundActivities_AnswerPending_ProcessedAt",
                table: "TeamsInboundActivities",
                columns: new[] { "AnswerPending", "ProcessedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TeamsInboundActivities_AnswerPending_ProcessedAt",
                table: "TeamsInboundActivities");

            migrationBuilder.DropColumn(
                name: "AnswerPending",
                table: "TeamsInboundActivities");
        }
    }
}
