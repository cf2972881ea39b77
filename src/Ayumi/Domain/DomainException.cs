namespace Ayumi.Domain;

/// <summary>
/// A change that the domain's rules do not allow. <see cref="Exception.Message"/> says which
/// rule in English, for logs and the command line; <see cref="Key"/> and <see cref="Arguments"/>
/// name the same message in the screens' text files, so that users read it in their language
/// wherever it surfaces (an import's preview among them). Every rule names its text.
/// </summary>
public sealed class DomainException(string message, string key, params object[] arguments) : Exception(message)
{
    public string Key { get; } = key;
    public IReadOnlyList<object> Arguments { get; } = arguments;
}
