using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SosepBot.Persistence.Migrations.PostgreSql
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
                type: "character varying(460)",
                maxLength: 460,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "DataSteps",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSteps", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "RequestWords",
                columns: table => new
                {
                    Word = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    RequestId = table.Column<long>(type: "bigint", nullable: false)
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
