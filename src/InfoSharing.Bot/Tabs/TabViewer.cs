using InfoSharing.Bot.Records.Access;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tabs;

/// <summary>
/// Who is looking at a tab, decided on the server: the Entra object id and name from the validated Teams SSO token, its
/// app roles (Records.Read, Records.Manage) and the approver lists it is on (approver, DPO, Prevent lead, deputy).
/// </summary>
public sealed record TabViewer(string ObjectId, string Name, ApproverKind Kinds, bool RecordsRead, bool RecordsManage, string Via)
{
    public bool IsApprover => Kinds != ApproverKind.None;

    public bool IsDpo => Kinds.HasFlag(ApproverKind.Dpo);

    /// <summary>Whether this person may open the page (a 403 otherwise; My requests is anyone's own).</summary>
    public bool May(TabPage page) => page switch
    {
        TabPage.Approvals => IsApprover,
        TabPage.Records => RecordsRead || IsDpo,
        TabPage.Statistics => RecordsRead || IsDpo,
        TabPage.MyRequests => true,
        _ => false,
    };

    /// <summary>The caller the records audit trail records for this viewer.</summary>
    public RecordsCaller Caller => new(ObjectId, Name, Via);
}
