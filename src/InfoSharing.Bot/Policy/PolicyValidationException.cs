namespace InfoSharing.Bot.Policy;

/// <summary>Thrown by <see cref="PolicyLoader.Load"/> when the policy cannot be used; lists every error.</summary>
public sealed class PolicyValidationException : Exception
{
    public PolicyValidationException()
        : this("The policy is not valid.", [])
    {
    }

    public PolicyValidationException(string message)
        : this(message, [])
    {
    }

    public PolicyValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public PolicyValidationException(string source, IReadOnlyList<string> errors)
        : base(FormatMessage(source, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }

    private static string FormatMessage(string source, IReadOnlyList<string> errors) =>
        errors.Count == 0
            ? source
            : $"The policy {source} is not valid ({errors.Count} error(s)):{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", errors);
}
