using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayumi.Generated.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvaluationBodies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BodyName",
                table: "ReviewComments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BodyName",
                table: "PolicyEvaluations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PublishedOpinions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportingYearId = table.Column<int>(type: "INTEGER", nullable: false),
                    MeasureId = table.Column<int>(type: "INTEGER", nullable: true),
                    BodyName = table.Column<string>(type: "TEXT", nullable: true),
                    Opinion = table.Column<string>(type: "TEXT", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", nullable: true),
                    CommentIds = table.Column<string>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedOpinions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedOpinions_Measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PublishedOpinions_ReportingYears_ReportingYearId",
                        column: x => x.ReportingYearId,
                        principalTable: "ReportingYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedOpinions_MeasureId",
                table: "PublishedOpinions",
                column: "MeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedOpinions_ReportingYearId_Order",
                table: "PublishedOpinions",
                columns: new[] { "ReportingYearId", "Order" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublishedOpinions");

            migrationBuilder.DropColumn(
                name: "BodyName",
                table: "ReviewComments");

            migrationBuilder.DropColumn(
                name: "BodyName",
                table: "PolicyEvaluations");
        }
    }
}
