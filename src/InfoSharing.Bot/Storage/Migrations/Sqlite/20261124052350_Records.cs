using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InfoSharing.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Records : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ContentDeletedAt",
                table: "requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewedAt",
                table: "requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_requests_CreatedAt_Reference",
                table: "requests",
                columns: new[] { "CreatedAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_requests_ReviewDate",
                table: "requests",
                column: "ReviewDate");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_requests_CreatedAt_Reference",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "IX_requests_ReviewDate",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "ContentDeletedAt",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "requests");
        }
    }
}
