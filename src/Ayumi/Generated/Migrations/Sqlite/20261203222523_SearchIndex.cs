using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ayumi.Generated.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search index (docs/search.md) is outside the EF model: an FTS5 table holds each document's tokens.
            migrationBuilder.Sql("""
                CREATE TABLE "SearchDocuments" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_SearchDocuments" PRIMARY KEY,
                    "OrganisationId" INTEGER NOT NULL,
                    "PlanId" INTEGER NOT NULL,
                    "MeasureId" INTEGER NOT NULL,
                    "FiscalYear" INTEGER NULL,
                    "Grade" TEXT NULL,
                    "Text" TEXT NOT NULL);
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_MeasureId" ON "SearchDocuments" ("MeasureId");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_PlanId" ON "SearchDocuments" ("PlanId");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_OrganisationId" ON "SearchDocuments" ("OrganisationId");""");
            migrationBuilder.Sql("""CREATE VIRTUAL TABLE "SearchBigrams" USING fts5("Tokens", content='', contentless_delete=1, tokenize='unicode61', prefix='6');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "SearchBigrams";""");
            migrationBuilder.Sql("""DROP TABLE "SearchDocuments";""");
        }
    }
}
