using Ayumi.Domain;

namespace Ayumi.Features.Accounts;

/// <summary>
/// Answers "may this user do this to that": every handler asks here before it reads or
/// changes anything that is not public. What each reader may see is the publication rule, <see cref="Publication"/>.
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

    /// <summary>See the work in progress of an organisation at all (its dashboard or to-do list).</summary>
    public static bool IsMemberOf(this MemberRoles user, int organisationId) =>
        user.IsAdministrator || user.Organisations.Contains(organisationId);

    /// <summary>
    /// Act on a person's account as a whole (disable, enable, reset its password) and be handed a
    /// credential for it (an invitation or reset link): administrators; a secretariat only for a
    /// person who belongs to no organisation but those it manages and is not an administrator,
    /// so that no organisation can take over a member of another.
    /// </summary>
    public static bool CanManageAccount(this MemberRoles user, bool targetIsAdministrator, IReadOnlyCollection<int> targetOrganisations) =>
        user.IsAdministrator || (!targetIsAdministrator && targetOrganisations.Count > 0 && targetOrganisations.All(user.CanManage));
}
