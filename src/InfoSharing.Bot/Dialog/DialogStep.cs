namespace InfoSharing.Bot.Dialog;

/// <summary>The steps of docs/domain.md §3, numbered as there.</summary>
public enum DialogStep
{
    Urgency = 0,
    About = 1,
    What = 2,
    WithWhom = 3,
    Why = 4,
    LegalBasis = 5,
    Necessity = 6,
    Consent = 7,
    AdviceAndDeadline = 8,
    Review = 9,
}
