using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SosepBot.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StepOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RequestTesters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    NamedById = table.Column<long>(type: "INTEGER", nullable: false),
                    NamedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestTesters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestTesters_People_NamedById",
                        column: x => x.NamedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RequestTesters_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RequestTesters_Requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RequestTesters_NamedById",
                table: "RequestTesters",
                column: "NamedById");

            migrationBuilder.CreateIndex(
                name: "IX_RequestTesters_PersonId",
                table: "RequestTesters",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestTesters_RequestId_PersonId",
                table: "RequestTesters",
                columns: new[] { "RequestId", "PersonId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RequestTesters");
        }
    }
}
