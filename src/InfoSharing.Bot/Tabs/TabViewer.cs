using InfoSharing.Bot.Records.Access;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tabs;

/// <summary>
/// Who is looking at a tab, decided on the server: the acting person (Entra object id and name from the validated Teams
/// SSO token, with the approver kinds <see cref="Approvals.ApproverDirectory"/> grants them from the configured lists),
/// the token's app roles (Records.Read, Records.Manage), and how they signed in.
/// </summary>
public sealed record TabViewer(Actor Actor, bool RecordsRead, bool RecordsManage, string Via)
{
    /// <summary>Development on loopback without Entra ID: the local developer sees every page (actions still need the lists).</summary>
    public bool LocalDeveloper { get; init; }

    public string ObjectId => Actor.ObjectId;

    public string Name => Actor.Name;

    public bool IsApprover => LocalDeveloper || Actor.Kinds != ApproverKind.None;

    public bool IsDpo => LocalDeveloper || Actor.Kinds.HasFlag(ApproverKind.Dpo);

    public bool MayManage => LocalDeveloper || RecordsManage;

    /// <summary>Whether this person may open the page (a 403 otherwise; My requests is anyone's own).</summary>
    public bool May(TabPage page) => page switch
    {
        TabPage.Approvals => IsApprover,
        TabPage.Records => RecordsRead || IsDpo || LocalDeveloper,
        TabPage.Statistics => RecordsRead || IsDpo || LocalDeveloper,
        TabPage.MyRequests => true,
        _ => false,
    };

    /// <summary>The caller the records audit trail records for this viewer.</summary>
    public RecordsCaller Caller => new(ObjectId, Name, Via);
}
