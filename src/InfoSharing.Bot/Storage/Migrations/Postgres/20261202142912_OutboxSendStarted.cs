using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InfoSharing.Bot.Storage.Migrations.Postgres
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
                type: "timestamp with time zone",
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
