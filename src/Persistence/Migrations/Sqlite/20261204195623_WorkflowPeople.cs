using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SosepBot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkflowPeople : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "UnitId",
                table: "Requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Notices",
                table: "People",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Immediate");

            migrationBuilder.AddColumn<long>(
                name: "UnitId",
                table: "People",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EndedAt",
                table: "MaintenancePlans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UnitId",
                table: "MaintenancePlans",
                type: "INTEGER",
                nullable: true);

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

            migrationBuilder.CreateTable(
                name: "Units",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    HeadId = table.Column<long>(type: "INTEGER", nullable: true),
                    SharedMailbox = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Units", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Units_People_HeadId",
                        column: x => x.HeadId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnitContacts",
                columns: table => new
                {
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitContacts", x => new { x.UnitId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_UnitContacts_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UnitContacts_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_UnitId",
                table: "Requests",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_People_UnitId",
                table: "People",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenancePlans_UnitId",
                table: "MaintenancePlans",
                column: "UnitId");

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

            migrationBuilder.CreateIndex(
                name: "IX_UnitContacts_PersonId",
                table: "UnitContacts",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Units_HeadId",
                table: "Units",
                column: "HeadId");

            migrationBuilder.CreateIndex(
                name: "IX_Units_NameKey",
                table: "Units",
                column: "NameKey",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_MaintenancePlans_Units_UnitId",
                table: "MaintenancePlans",
                column: "UnitId",
                principalTable: "Units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_People_Units_UnitId",
                table: "People",
                column: "UnitId",
                principalTable: "Units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Requests_Units_UnitId",
                table: "Requests",
                column: "UnitId",
                principalTable: "Units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_MaintenancePlans_Units_UnitId",
                table: "MaintenancePlans");

            migrationBuilder.DropForeignKey(
                name: "FK_People_Units_UnitId",
                table: "People");

            migrationBuilder.DropForeignKey(
                name: "FK_Requests_Units_UnitId",
                table: "Requests");

            migrationBuilder.DropTable(
                name: "RequestTesters");

            migrationBuilder.DropTable(
                name: "UnitContacts");

            migrationBuilder.DropTable(
                name: "Units");

            migrationBuilder.DropIndex(
                name: "IX_Requests_UnitId",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_People_UnitId",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_MaintenancePlans_UnitId",
                table: "MaintenancePlans");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "Notices",
                table: "People");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "People");

            migrationBuilder.DropColumn(
                name: "EndedAt",
                table: "MaintenancePlans");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "MaintenancePlans");
        }
    }
}
