using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayumi.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanFromSheet : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsPlaceholder",
                table: "PlanNodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsPlaceholder",
                table: "PlanNodes");
        }
    }
}
