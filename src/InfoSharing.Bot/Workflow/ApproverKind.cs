namespace InfoSharing.Bot.Workflow;

/// <summary>The kinds of approver a request may require (domain.md §4.4 cross-checks 5 and 6).</summary>
[Flags]
public enum ApproverKind
{
    None = 0,
    Approver = 1,
    Dpo = 2,
    PreventLead = 4,
}
