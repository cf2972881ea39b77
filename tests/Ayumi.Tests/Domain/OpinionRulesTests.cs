using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

/// <summary>The rules of evaluation bodies, their members, and the opinions chosen for publication from a year's comments.</summary>
public class OpinionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(9));
    private static readonly FiscalYear R7 = FiscalYear.Parse("R7");

    /// <summary>Ena's plan with two measures of 総務課 and 令和7年度 opened, every part approved.</summary>
    private static (Plan Plan, ReportingYear Year, List<EntryPart> Parts) LockableYear()
    {
        var ena = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        var plan = ena.AddPlan("恵那市再犯防止推進計画", 1, FiscalYear.Parse("R6"), FiscalYear.Parse("R8"));
        plan.SetLevels([new("具体的な取り組み"), new("事業")]);
        var node = plan.AddNode(null, "(1)", "連携");
        foreach (var (code, title) in new[] { ("1", "更生保護活動の環境づくり"), ("2", "協力雇用主の支援") })
            plan.AddMeasure($"(1)-{code}", node, code, title, null).AssignDepartment(ena.ResolveDepartment("総務課"));
        var year = plan.OpenYear(R7, null, Now);
        var parts = plan.Measures.SelectMany(m => m.Entries).SelectMany(e => e.Parts).ToList();
        foreach (var part in parts)
        {
            part.SaveDraft(new PartContent(null, "実施した。", "A", BudgetLine.None, null, null, null), year);
            part.Submit(year, Now);
            part.Approve(year);
        }
        return (plan, year, parts);
    }

    private static ReviewComment Comment(ReportingYear year, int? measureId, string text, string? body = "恵那市再犯防止推進会議", int? answers = null) =>
        new(year.Id, measureId, null, "iin", "委員", text, Now, answers, body);

    [Fact]
    public void A_body_is_named_once_in_a_plan_and_a_reviewers_account_belongs_to_one_body()
    {
        var (plan, _, _) = LockableYear();
        plan.AddEvaluationBody(" 庁内評価委員会 ", EvaluationKind.Internal, null);
        plan.AddEvaluationBody("恵那市再犯防止推進会議", EvaluationKind.External, "外部評価");
        Assert.Equal("error.bodyNameTaken", Assert.Throws<DomainException>(() => plan.AddEvaluationBody("庁内評価委員会", EvaluationKind.External, null)).Key);
        plan.AddBodyMember("恵那市再犯防止推進会議", "山田 花子", "保護司会 会長", "user-1");
        plan.AddBodyMember("恵那市再犯防止推進会議", "鈴木 一郎", null, null);
        Assert.Equal("error.bodyMemberTaken", Assert.Throws<DomainException>(() => plan.AddBodyMember("庁内評価委員会", "山田 花子", null, "user-1")).Key);
        Assert.Equal("恵那市再犯防止推進会議", plan.EvaluationBodyOf("user-1")?.Name);
        Assert.Null(plan.EvaluationBodyOf(null));

        plan.RemoveBodyMember("恵那市再犯防止推進会議", 0);
        Assert.Null(plan.EvaluationBodyOf("user-1"));
        Assert.Equal(["鈴木 一郎"], plan.EvaluationBodies.Single(b => b.Name == "恵那市再犯防止推進会議").Members.Select(m => m.Name));
    }

    [Fact]
    public void Opinions_are_chosen_only_while_the_year_is_locked_and_never_reworded_once_it_is_published()
    {
        var (plan, year, parts) = LockableYear();
        var comment = Comment(year, plan.Measures.First().Id, "周知を進めるべき。");
        Assert.Equal("error.opinionNeedsLock", Assert.Throws<DomainException>(() => new PublishedOpinion(year, [comment], null, null, 1)).Key);
        year.Lock(parts, Now);
        var opinion = new PublishedOpinion(year, [comment], null, " 周知を進めます。 ", 1);
        Assert.Equal(("周知を進めるべき。", "周知を進めます。", "恵那市再犯防止推進会議"), (opinion.Opinion, opinion.Answer, opinion.BodyName));
        year.Publish(Now);
        Assert.Equal("error.opinionNeedsLock", Assert.Throws<DomainException>(() => opinion.Reword(year, "書き換え", null)).Key);
        year.WithdrawPublication("誤りのため", Now);
        opinion.Reword(year, "周知を一層進めること。", null);
        Assert.Equal(("周知を一層進めること。", null), (opinion.Opinion, opinion.Answer));
    }

    [Fact]
    public void An_opinion_summarising_comments_on_several_measures_and_bodies_names_neither_and_an_answer_is_never_published()
    {
        var (_, year, parts) = LockableYear();
        year.Lock(parts, Now);
        int[] measures = [101, 102]; // ids the database would give the two measures
        var several = new PublishedOpinion(year, [Comment(year, measures[0], "一"), Comment(year, measures[1], "二", body: "庁内評価委員会")], "要約", null, 1);
        Assert.Equal((null, null), (several.MeasureId, several.BodyName));
        Assert.Equal("error.opinionOtherComment", Assert.Throws<DomainException>(() => new PublishedOpinion(year, [Comment(year, measures[0], "回答", body: null, answers: 1)], null, null, 2)).Key);
        Assert.Equal("error.opinionNoComment", Assert.Throws<DomainException>(() => new PublishedOpinion(year, [], "要約", null, 2)).Key);
        Assert.Equal("error.opinionEmpty", Assert.Throws<DomainException>(() => new PublishedOpinion(year, [Comment(year, measures[0], "一"), Comment(year, measures[1], "二")], " ", null, 2)).Key);
    }
}
