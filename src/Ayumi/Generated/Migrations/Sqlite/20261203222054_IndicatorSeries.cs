using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayumi.Generated.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndicatorSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ArchivedReason",
                table: "Indicators",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DecimalPlaces",
                table: "Indicators",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsMonitoringOnly",
                table: "Indicators",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RatioBasis",
                table: "Indicators",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "YearlyCounts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ArchivedReason",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "DecimalPlaces",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "IsMonitoringOnly",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "RatioBasis",
                table: "Indicators");
        }
    }
}
