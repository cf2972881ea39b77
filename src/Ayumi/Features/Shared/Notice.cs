using Ayumi.Domain;

namespace Ayumi.Features.Shared;

/// <summary>A message shown at the top of a page after an action: a UI text key with its arguments.</summary>
public sealed record Notice(string Key, IReadOnlyList<object> Arguments, bool IsError)
{
    public static Notice Success(string key, params object[] arguments) => new(key, arguments, false);

    public static Notice Error(string key, params object[] arguments) => new(key, arguments, true);

    /// <summary>The rule a domain change broke, in the user's language.</summary>
    public static Notice Refused(DomainException e) => Error(e.Key, [.. e.Arguments]);
}
