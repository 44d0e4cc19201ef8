using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InfoSharing.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxSendStarted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "SendStartedAt",
                table: "outbox",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SendStartedAt",
                table: "outbox");
        }
    }
}
