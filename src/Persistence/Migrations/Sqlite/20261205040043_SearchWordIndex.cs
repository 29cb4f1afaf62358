using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SosepBot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchWordIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "People",
                type: "TEXT",
                maxLength: 460,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "DataSteps",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSteps", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "RequestWords",
                columns: table => new
                {
                    Word = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestWords", x => new { x.RequestId, x.Word });
                    table.ForeignKey(
                        name: "FK_RequestWords_Requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RequestWords_Word_RequestId",
                table: "RequestWords",
                columns: new[] { "Word", "RequestId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataSteps");

            migrationBuilder.DropTable(
                name: "RequestWords");

            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "People");
        }
    }
}
