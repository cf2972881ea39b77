using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ayumi.Generated.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PriorityIssues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TagsConfirmedAt",
                table: "Measures",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TagsConfirmedBy",
                table: "Measures",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MeasureTags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeasureId = table.Column<int>(type: "integer", nullable: false),
                    Issue = table.Column<int>(type: "integer", nullable: false),
                    Area = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureTags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeasureTags_Measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureTags_Issue_MeasureId",
                table: "MeasureTags",
                columns: new[] { "Issue", "MeasureId" });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureTags_MeasureId",
                table: "MeasureTags",
                column: "MeasureId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeasureTags");

            migrationBuilder.DropColumn(
                name: "TagsConfirmedAt",
                table: "Measures");

            migrationBuilder.DropColumn(
                name: "TagsConfirmedBy",
                table: "Measures");
        }
    }
}
