namespace Ayumi.Domain;

/// <summary>The plan's evaluation bodies (評価機関) and their members, managed by the secretariat.</summary>
public partial class Plan
{
    /// <exception cref="DomainException">The name is empty or another body of the plan has it.</exception>
    public EvaluationBody AddEvaluationBody(string name, EvaluationKind kind, string? description)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0) throw new DomainException("An evaluation body needs a name.", "error.bodyName");
        if (EvaluationBodies.Any(b => b.Name == trimmed)) throw new DomainException($"The plan already has a body named {trimmed}.", "error.bodyNameTaken", trimmed);
        var body = new EvaluationBody(trimmed, kind, string.IsNullOrWhiteSpace(description) ? null : description.Trim());
        // A new list, so that the change is seen as a change of the plan (and audited) however the list is compared.
        EvaluationBodies = [.. EvaluationBodies, body];
        return body;
    }

    /// <summary>Removes a body and its members; comments already written keep the name they carry.</summary>
    public void RemoveEvaluationBody(string name) => EvaluationBodies = EvaluationBodies.Where(b => b.Name != name).ToList();

    /// <summary>Adds a member to a body; a reviewer's account belongs to one body of the plan at most.</summary>
    /// <exception cref="DomainException">No such body, the member has no name, or the account is already a member of a body.</exception>
    public void AddBodyMember(string bodyName, string memberName, string? role, string? userId)
    {
        var body = Body(bodyName);
        if (string.IsNullOrWhiteSpace(memberName)) throw new DomainException("A member needs a name.", "error.bodyMemberName");
        if (userId is not null && EvaluationBodyOf(userId) is { } current)
            throw new DomainException($"The account is already a member of {current.Name}.", "error.bodyMemberTaken", current.Name);
        var member = new EvaluationBodyMember(memberName.Trim(), string.IsNullOrWhiteSpace(role) ? null : role.Trim(), userId);
        Replace(body, body with { Members = [.. body.Members, member] });
    }

    /// <param name="index">The member's place in the body's list, from 0.</param>
    public void RemoveBodyMember(string bodyName, int index)
    {
        var body = Body(bodyName);
        if (index < 0 || index >= body.Members.Count) return;
        Replace(body, body with { Members = body.Members.Where((_, i) => i != index).ToList() });
    }

    /// <summary>The body whose member uses the account <paramref name="userId"/>; null when the account is tied to none.</summary>
    public EvaluationBody? EvaluationBodyOf(string? userId) =>
        userId is null ? null : EvaluationBodies.FirstOrDefault(b => b.Members.Any(m => m.UserId == userId));

    private EvaluationBody Body(string name) =>
        EvaluationBodies.FirstOrDefault(b => b.Name == name) ?? throw new DomainException($"The plan has no body named {name}.", "error.noSuchBody", name);

    private void Replace(EvaluationBody body, EvaluationBody with) =>
        EvaluationBodies = EvaluationBodies.Select(b => b == body ? with : b).ToList();
}
