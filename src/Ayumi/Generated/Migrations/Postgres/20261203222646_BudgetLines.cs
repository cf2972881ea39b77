using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayumi.Generated.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BudgetLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(name: "Budget", table: "YearlyEntries", type: "text", nullable: false, defaultValue: "[]");
            migrationBuilder.AddColumn<string>(name: "Budget", table: "EntryParts", type: "text", nullable: false, defaultValue: "[]");
            migrationBuilder.AddColumn<string>(name: "FundingSources", table: "Plans", type: "text", nullable: false, defaultValue: Ayumi.Data.BudgetLinesMigration.DefaultSourcesJson);
            Ayumi.Data.BudgetLinesMigration.CarryStoredBudgets(migrationBuilder);
            migrationBuilder.DropColumn(name: "FinalBudget", table: "YearlyEntries");
            migrationBuilder.DropColumn(name: "InitialBudget", table: "YearlyEntries");
            migrationBuilder.DropColumn(name: "FinalBudget", table: "EntryParts");
            migrationBuilder.DropColumn(name: "InitialBudget", table: "EntryParts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(name: "FinalBudget", table: "YearlyEntries", type: "bigint", nullable: true);
            migrationBuilder.AddColumn<long>(name: "InitialBudget", table: "YearlyEntries", type: "bigint", nullable: true);
            migrationBuilder.AddColumn<long>(name: "FinalBudget", table: "EntryParts", type: "bigint", nullable: true);
            migrationBuilder.AddColumn<long>(name: "InitialBudget", table: "EntryParts", type: "bigint", nullable: true);
            Ayumi.Data.BudgetLinesMigration.RestoreTotals(migrationBuilder, postgres: true);
            migrationBuilder.DropColumn(name: "Budget", table: "YearlyEntries");
            migrationBuilder.DropColumn(name: "FundingSources", table: "Plans");
            migrationBuilder.DropColumn(name: "Budget", table: "EntryParts");
        }
    }
}
