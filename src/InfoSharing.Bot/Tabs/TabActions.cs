using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tabs;

/// <summary>
/// The tab's one way into the decision workflow: the same <see cref="ApprovalService.ActAsync"/> the approval card's
/// invoke uses, with the same verbs and inputs (<see cref="ApprovalRules.Parse"/>), so a decision is made once whichever
/// surface is used first, and the channel card is updated (PUT) and the practitioner told through the outbox.
/// </summary>
public sealed class TabActions(ApprovalService approvals)
{
    /// <summary>The decisions the tab offers, in order; the inputs are named as the card's (<see cref="ApprovalRules.Parse"/>).</summary>
    public static readonly IReadOnlyList<TabVerb> Verbs =
    [
        new(ApprovalVerbs.Approve, "Approve", "Approve sharing", [new TabInput("conditions", "Conditions (optional, shown on the card)", TabInputKind.Text, Required: false)]),
        new(ApprovalVerbs.ApproveInPart, "Approve in part", "Approve only some of it (untick what may not be shared)",
        [
            new TabInput(ApprovalRules.InPartCategories, "Information approved", TabInputKind.Categories, Required: false),
            new TabInput(ApprovalRules.InPartRecipients, "Recipients approved", TabInputKind.Recipients, Required: false),
            new TabInput(ApprovalRules.InPartNote, "What was left out, and why (recorded, never shown in the channel)", TabInputKind.Text, Required: true),
            new TabInput(ApprovalRules.InPartNoIdentifiers, "The note contains no identifying information", TabInputKind.Confirm, Required: false),
        ]),
        new(ApprovalVerbs.Decline, "Decline", "Decline sharing",
        [
            new TabInput("declineReasonCode", "Reason code", TabInputKind.DeclineReason, Required: true),
            new TabInput("declineReason", "Reason (recorded, never shown in the channel)", TabInputKind.Text, Required: true),
        ]),
        new(ApprovalVerbs.MoreInfo, "Ask for more information", "Ask the practitioner a question", [new TabInput("question", "Question for the practitioner", TabInputKind.Text, Required: true)]),
        new(ApprovalVerbs.Reassign, "Reassign", "Hand it on to someone who may decide it (the thread is told, @mentioning them)",
        [
            new TabInput("reassignTo", "Hand on to (only those who may decide this request)", TabInputKind.Decider, Required: true),
            new TabInput("reassignNote", "Note (optional; recorded, not shown in the channel)", TabInputKind.Text, Required: false),
        ]),
    ];

    public static TabVerb? VerbOf(string verb) => Verbs.FirstOrDefault(v => v.Verb == verb);

    /// <summary>Opens the full detail: authorised and audited by the workflow as the card's Details button is.</summary>
    public async Task<TabActionResult> DetailsAsync(TabViewer viewer, Guid requestId, CancellationToken cancellationToken)
    {
        var (response, card) = await ActAsync(viewer, ApprovalVerbs.Details, new JsonObject { ["requestId"] = requestId.ToString() }, cancellationToken);
        return card ? new TabActionResult(true, null) : new TabActionResult(false, response.SubmitNotice); // the detail card's own notice speaks of the card's button
    }

    /// <summary>A decision (<paramref name="verb"/> of <see cref="Verbs"/>) with the form's inputs, named as the card's.</summary>
    public async Task<TabActionResult> DecideAsync(TabViewer viewer, Guid requestId, TabVerb verb, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verb);
        ArgumentNullException.ThrowIfNull(inputs);
        var data = new JsonObject { ["requestId"] = requestId.ToString() };
        foreach (var input in verb.Inputs)
        {
            if (inputs.TryGetValue(input.Name, out var value))
            {
                data[input.Name] = value;
            }
        }

        var (response, _) = await ActAsync(viewer, verb.Verb, data, cancellationToken);
        return response.Outcome == WorkflowOutcome.Applied
            ? new TabActionResult(true, response.SubmitNotice) // the workflow's own words when it has some ("Handed on to …")
            : new TabActionResult(false, response.SubmitNotice ?? "The action was not accepted.");
    }

    /// <summary>The one call into the workflow: its answer, and whether that is a card (a refusal, field errors or already decided are words).</summary>
    private async Task<(ApprovalResponse Response, bool Card)> ActAsync(TabViewer viewer, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var response = await approvals.ActAsync(viewer.Actor, verb, data, automatic: false, cancellationToken);
        return (response, response.Invoke.StatusCode == 200 && response.Invoke.Type == ContentTypes.AdaptiveCard);
    }
}

/// <summary>What the workflow answered: done (or the detail may be shown) with its words if any, else why not (refusal, field errors, already decided).</summary>
public sealed record TabActionResult(bool Done, string? Message);

public sealed record TabVerb(string Verb, string Button, string Legend, IReadOnlyList<TabInput> Inputs);

public sealed record TabInput(string Name, string Label, TabInputKind Kind, bool Required);

public enum TabInputKind
{
    Text,
    DeclineReason,

    /// <summary>The request's categories as checkboxes, all ticked (approve in part).</summary>
    Categories,

    /// <summary>The request's recipients as checkboxes, all ticked (approve in part).</summary>
    Recipients,

    /// <summary>One checkbox sending "true" (a confirmation).</summary>
    Confirm,

    /// <summary>Whom the request may be handed to: the roles and people who may decide it and are not away (reassign).</summary>
    Decider,
}
