namespace InfoSharing.Bot.Dialog;

/// <summary>Step 3: with whom and how.</summary>
public sealed record WithWhomAnswers
{
    public required string RecipientTypeId { get; init; }
    public required string RecipientRole { get; init; }
    public required bool RecipientVerified { get; init; }
    public required string AgreementStatusId { get; init; }
    public required string SecureMethodId { get; init; }
}
