namespace InfoSharing.Bot.Records.Export;

/// <summary>One approver (or requester) action on a record (domain.md §8): when, who (Entra object id, name, role),
/// the action, its reason code, text and conditions. Built from the action row by <see cref="RecordDocuments.Action"/>;
/// the Teams user id and row keys stay out of exports.</summary>
public sealed record ApproverActionDocument(
    DateTime AtUtc, string ActorAadObjectId, string? ActorName, string? ActorRole,
    string Action, string? ReasonCode, string? Text, string? Conditions);
