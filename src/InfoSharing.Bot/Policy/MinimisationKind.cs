namespace InfoSharing.Bot.Policy;

public enum MinimisationKind
{
    None,
    LessInformation,
    AnonymisedConsultation,
}
