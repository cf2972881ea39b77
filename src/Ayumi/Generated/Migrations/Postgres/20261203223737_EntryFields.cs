using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ayumi.Generated.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EntryFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ChosenEntryFields",
                table: "Plans",
                type: "integer",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EntryDrafts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntryPartId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Typed = table.Column<string>(type: "text", nullable: false),
                    BaseVersion = table.Column<int>(type: "integer", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EntryDrafts_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EntryDrafts_EntryParts_EntryPartId",
                        column: x => x.EntryPartId,
                        principalTable: "EntryParts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EntryDrafts_EntryPartId_UserId",
                table: "EntryDrafts",
                columns: new[] { "EntryPartId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EntryDrafts_UserId",
                table: "EntryDrafts",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EntryDrafts");

            migrationBuilder.DropColumn(
                name: "ChosenEntryFields",
                table: "Plans");
        }
    }
}
