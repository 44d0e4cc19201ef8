using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InfoSharing.Bot.Storage.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "scheduled_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LockOwner = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Result = table.Column<string>(type: "TEXT", nullable: true)
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
