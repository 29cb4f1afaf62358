using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SosepBot.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ConversationLeasesAndSendPaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConversationLeases",
                columns: table => new
                {
                    ConversationId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Holder = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationLeases", x => x.ConversationId);
                });

            migrationBuilder.CreateTable(
                name: "ConversationSendPaces",
                columns: table => new
                {
                    ConversationId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SecondFullAt = table.Column<long>(type: "bigint", nullable: false),
                    HalfMinuteFullAt = table.Column<long>(type: "bigint", nullable: false),
                    HourFullAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationSendPaces", x => x.ConversationId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversationLeases");

            migrationBuilder.DropTable(
                name: "ConversationSendPaces");
        }
    }
}
