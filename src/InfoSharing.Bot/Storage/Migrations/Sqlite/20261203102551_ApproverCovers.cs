using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InfoSharing.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApproverCovers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "approver_covers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApproverAadObjectId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ApproverName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CoverAadObjectId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CoverUserId = table.Column<string>(type: "TEXT", nullable: true),
                    CoverName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SetAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approver_covers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_approver_covers_ApproverAadObjectId_EndedAt",
                table: "approver_covers",
                columns: new[] { "ApproverAadObjectId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approver_covers");
        }
    }
}
