using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SosepBot.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Mailbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MailboxCursors",
                columns: table => new
                {
                    Mailbox = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailboxCursors", x => x.Mailbox);
                });

            migrationBuilder.CreateTable(
                name: "MailRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Mailbox = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    ExternalId = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    MessageId = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: true),
                    FromAddress = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    Subject = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    RequestId = table.Column<long>(type: "bigint", nullable: true),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuarantinedMails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MailRecordId = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    FromAddress = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Raw = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DecidedById = table.Column<long>(type: "bigint", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RequestNumber = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuarantinedMails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuarantinedMails_MailRecords_MailRecordId",
                        column: x => x.MailRecordId,
                        principalTable: "MailRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MailRecords_FromAddress_ProcessedAt",
                table: "MailRecords",
                columns: new[] { "FromAddress", "ProcessedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MailRecords_Mailbox_ExternalId",
                table: "MailRecords",
                columns: new[] { "Mailbox", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MailRecords_MessageId",
                table: "MailRecords",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_QuarantinedMails_MailRecordId",
                table: "QuarantinedMails",
                column: "MailRecordId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuarantinedMails_Status",
                table: "QuarantinedMails",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MailboxCursors");

            migrationBuilder.DropTable(
                name: "QuarantinedMails");

            migrationBuilder.DropTable(
                name: "MailRecords");
        }
    }
}
