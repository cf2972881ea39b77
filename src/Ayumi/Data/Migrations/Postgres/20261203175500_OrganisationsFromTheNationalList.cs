using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayumi.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganisationsFromTheNationalList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ParentCode",
                table: "Organisations",
                type: "character varying(6)",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Population",
                table: "Organisations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Prefecture",
                table: "Organisations",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reading",
                table: "Organisations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ParentCode",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "Population",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "Prefecture",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "Reading",
                table: "Organisations");
        }
    }
}
