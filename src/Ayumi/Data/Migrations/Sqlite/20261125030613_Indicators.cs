using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayumi.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Indicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IndicatorActuals_IndicatorId",
                table: "IndicatorActuals");

            migrationBuilder.AddColumn<string>(
                name: "ComparisonLabel",
                table: "Indicators",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DenominatorId",
                table: "Indicators",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NumeratorId",
                table: "Indicators",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RatioScale",
                table: "Indicators",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ComparisonValue",
                table: "IndicatorActuals",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Judgement",
                table: "IndicatorActuals",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "IndicatorActuals",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Submitted");

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_DenominatorId",
                table: "Indicators",
                column: "DenominatorId");

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_NumeratorId",
                table: "Indicators",
                column: "NumeratorId");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorActuals_IndicatorId_FiscalYear",
                table: "IndicatorActuals",
                columns: new[] { "IndicatorId", "FiscalYear" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Indicators_Indicators_DenominatorId",
                table: "Indicators",
                column: "DenominatorId",
                principalTable: "Indicators",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Indicators_Indicators_NumeratorId",
                table: "Indicators",
                column: "NumeratorId",
                principalTable: "Indicators",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Indicators_Indicators_DenominatorId",
                table: "Indicators");

            migrationBuilder.DropForeignKey(
                name: "FK_Indicators_Indicators_NumeratorId",
                table: "Indicators");

            migrationBuilder.DropIndex(
                name: "IX_Indicators_DenominatorId",
                table: "Indicators");

            migrationBuilder.DropIndex(
                name: "IX_Indicators_NumeratorId",
                table: "Indicators");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorActuals_IndicatorId_FiscalYear",
                table: "IndicatorActuals");

            migrationBuilder.DropColumn(
                name: "ComparisonLabel",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "DenominatorId",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "NumeratorId",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "RatioScale",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "ComparisonValue",
                table: "IndicatorActuals");

            migrationBuilder.DropColumn(
                name: "Judgement",
                table: "IndicatorActuals");

            migrationBuilder.DropColumn(
                name: "State",
                table: "IndicatorActuals");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorActuals_IndicatorId",
                table: "IndicatorActuals",
                column: "IndicatorId");
        }
    }
}
