using Ayumi.Domain;

namespace Ayumi.Features.Accounts;

/// <summary>
/// Answers "may this user do this to that": every handler asks here before it reads or
/// changes anything that is not public.
/// </summary>
public static class Permissions
{
    /// <summary>Manage users, open, lock and publish years, return and approve entries.</summary>
    public static bool CanManage(this MemberRoles user, int organisationId) =>
        user.IsAdministrator || user.Has(organisationId, MemberRole.Secretariat);

    /// <summary>Create organisations from the national list (and wide-area unions by hand): administrators only.</summary>
    public static bool CanCreateOrganisations(this MemberRoles user) => user.IsAdministrator;

    /// <summary>Read and edit one department's part of an entry: only that department's editors.</summary>
    public static bool CanEdit(this MemberRoles user, int organisationId, int departmentId) =>
        user.EditableDepartments(organisationId).Contains(departmentId);

    /// <summary>Read a locked year, comment and evaluate.</summary>
    public static bool CanReview(this MemberRoles user, int organisationId, ReportingStatus status) =>
        status != ReportingStatus.Open && (user.Has(organisationId, MemberRole.Reviewer) || user.CanManage(organisationId));

    /// <summary>See a plan at all: a published plan is public; a draft (次期計画の案) is its secretariat's until published.</summary>
    public static bool CanSee(this MemberRoles user, Plan plan) =>
        plan.Status == PlanStatus.Published || user.CanManage(plan.OrganisationId);

    /// <summary>See the work in progress of an organisation at all (its dashboard or to-do list).</summary>
    public static bool IsMemberOf(this MemberRoles user, int organisationId) =>
        user.IsAdministrator || user.Organisations.Contains(organisationId);
}
