using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InfoSharing.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Safeguarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "OutcomeRecordedAt",
                table: "requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "scheduled_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LockedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LockOwner = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Result = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheduled_jobs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_jobs_RequestId_Kind_Sequence",
                table: "scheduled_jobs",
                columns: new[] { "RequestId", "Kind", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_jobs_Status_DueAt",
                table: "scheduled_jobs",
                columns: new[] { "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scheduled_jobs");

            migrationBuilder.DropColumn(
                name: "OutcomeRecordedAt",
                table: "requests");
        }
    }
}
