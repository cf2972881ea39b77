namespace Ayumi.Domain;

/// <summary>A change that the domain's rules do not allow; the message says which rule, for the user.</summary>
public sealed class DomainException(string message) : Exception(message);
