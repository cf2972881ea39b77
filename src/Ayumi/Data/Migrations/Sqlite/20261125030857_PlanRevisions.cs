using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayumi.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Plans",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Published");

            migrationBuilder.AddColumn<int>(
                name: "OriginId",
                table: "PlanNodes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MeasureLineages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FromId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EffectiveIn = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureLineages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeasureLineages_Measures_FromId",
                        column: x => x.FromId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MeasureLineages_Measures_ToId",
                        column: x => x.ToId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanNodes_OriginId",
                table: "PlanNodes",
                column: "OriginId");

            migrationBuilder.CreateIndex(
                name: "IX_MeasureLineages_FromId_ToId",
                table: "MeasureLineages",
                columns: new[] { "FromId", "ToId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeasureLineages_ToId",
                table: "MeasureLineages",
                column: "ToId");

            migrationBuilder.AddForeignKey(
                name: "FK_PlanNodes_PlanNodes_OriginId",
                table: "PlanNodes",
                column: "OriginId",
                principalTable: "PlanNodes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // The successions (後継事業) and next-plan links become lineage links, as the importer now records them.
            migrationBuilder.Sql("""
                INSERT INTO "MeasureLineages" ("FromId", "ToId", "Kind", "EffectiveIn", "Note")
                SELECT s."PredecessorId", s."SuccessorId", 'Succeeded', COALESCE(m."EndedIn", p."PeriodStart"), s."Note"
                FROM "MeasureSuccession" s JOIN "Measures" m ON m."Id" = s."PredecessorId" JOIN "Plans" p ON p."Id" = m."PlanId";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "MeasureLineages" ("FromId", "ToId", "Kind", "EffectiveIn", "Note")
                SELECT m."Id", n."Id",
                       CASE WHEN n."Title" LIKE '%後継事業%' THEN 'Succeeded' WHEN n."Title" <> m."Title" THEN 'Renamed' ELSE 'Continued' END,
                       p."PeriodStart",
                       CASE WHEN n."Title" LIKE '%後継事業%' THEN '後継事業' END
                FROM "Measures" m JOIN "Measures" n ON n."Id" = m."NextPlanMeasureId" JOIN "Plans" p ON p."Id" = n."PlanId";
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_Measures_Measures_NextPlanMeasureId",
                table: "Measures");

            migrationBuilder.DropTable(
                name: "MeasureSuccession");

            migrationBuilder.DropIndex(
                name: "IX_Measures_NextPlanMeasureId",
                table: "Measures");

            migrationBuilder.DropColumn(
                name: "NextPlanMeasureId",
                table: "Measures");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PlanNodes_PlanNodes_OriginId",
                table: "PlanNodes");

            migrationBuilder.DropTable(
                name: "MeasureLineages");

            migrationBuilder.DropIndex(
                name: "IX_PlanNodes_OriginId",
                table: "PlanNodes");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "OriginId",
                table: "PlanNodes");

            migrationBuilder.AddColumn<int>(
                name: "NextPlanMeasureId",
                table: "Measures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MeasureSuccession",
                columns: table => new
                {
                    PredecessorId = table.Column<int>(type: "INTEGER", nullable: false),
                    SuccessorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureSuccession", x => new { x.PredecessorId, x.SuccessorId });
                    table.ForeignKey(
                        name: "FK_MeasureSuccession_Measures_PredecessorId",
                        column: x => x.PredecessorId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MeasureSuccession_Measures_SuccessorId",
                        column: x => x.SuccessorId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Measures_NextPlanMeasureId",
                table: "Measures",
                column: "NextPlanMeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_MeasureSuccession_SuccessorId",
                table: "MeasureSuccession",
                column: "SuccessorId");

            migrationBuilder.AddForeignKey(
                name: "FK_Measures_Measures_NextPlanMeasureId",
                table: "Measures",
                column: "NextPlanMeasureId",
                principalTable: "Measures",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
