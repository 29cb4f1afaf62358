using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SosepBot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JobsAndDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GeneratedDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    AttachmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GeneratedById = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GeneratedDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GeneratedDocuments_Attachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "Attachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GeneratedDocuments_Requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JobNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Level = table.Column<int>(type: "INTEGER", nullable: true),
                    Episode = table.Column<long>(type: "INTEGER", nullable: true),
                    Messages = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JobNotices_Requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MaintenancePlans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CalendarId = table.Column<long>(type: "INTEGER", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    TechnicianId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<long>(type: "INTEGER", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FirstVisitLocal = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HorizonDays = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaintenancePlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaintenancePlans_People_ContactId",
                        column: x => x.ContactId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MaintenancePlans_People_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MaintenancePlans_People_TechnicianId",
                        column: x => x.TechnicianId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MaintenancePlans_Requests_CalendarId",
                        column: x => x.CalendarId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MaintenancePlanVisits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<long>(type: "INTEGER", nullable: false),
                    OccurrenceLocal = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VisitId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaintenancePlanVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaintenancePlanVisits_MaintenancePlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "MaintenancePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MaintenancePlanVisits_Requests_VisitId",
                        column: x => x.VisitId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GeneratedDocuments_AttachmentId",
                table: "GeneratedDocuments",
                column: "AttachmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GeneratedDocuments_RequestId_Kind_Version",
                table: "GeneratedDocuments",
                columns: new[] { "RequestId", "Kind", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JobNotices_Key",
                table: "JobNotices",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JobNotices_RequestId_Kind",
                table: "JobNotices",
                columns: new[] { "RequestId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_MaintenancePlans_CalendarId",
                table: "MaintenancePlans",
                column: "CalendarId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenancePlans_ContactId",
                table: "MaintenancePlans",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenancePlans_CreatedById",
                table: "MaintenancePlans",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenancePlans_TechnicianId",
                table: "MaintenancePlans",
                column: "TechnicianId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenancePlanVisits_PlanId_OccurrenceLocal",
                table: "MaintenancePlanVisits",
                columns: new[] { "PlanId", "OccurrenceLocal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MaintenancePlanVisits_VisitId",
                table: "MaintenancePlanVisits",
                column: "VisitId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GeneratedDocuments");

            migrationBuilder.DropTable(
                name: "JobNotices");

            migrationBuilder.DropTable(
                name: "MaintenancePlanVisits");

            migrationBuilder.DropTable(
                name: "MaintenancePlans");
        }
    }
}
