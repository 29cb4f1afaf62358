using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SosepBot.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PeopleSearchName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "People",
                type: "character varying(460)",
                maxLength: 460,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "People");
        }
    }
}
