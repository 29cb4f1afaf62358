using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SosepBot.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NoticePreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Notices",
                table: "People",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Immediate");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Notices",
                table: "People");
        }
    }
}
