namespace Ayumi.Domain;

/// <summary>
/// A change that the domain's rules do not allow. <see cref="Exception.Message"/> says which
/// rule in English; <see cref="Key"/> and <see cref="Arguments"/>, when set, name the same
/// message in the screens' text files so that users read it in their language.
/// </summary>
public sealed class DomainException(string message, string? key = null, params object[] arguments) : Exception(message)
{
    public string? Key { get; } = key;
    public IReadOnlyList<object> Arguments { get; } = arguments;
}
