namespace InfoSharing.Bot.Dialog;

/// <summary>Whether a legal-condition input is shown at step 5, and whether it must be answered.</summary>
public enum ConditionRequirement
{
    Hidden,
    Optional,
    Required,
}
