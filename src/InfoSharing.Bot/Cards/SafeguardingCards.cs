using System.Text.Json.Nodes;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Cards;

/// <summary>
/// The practitioner's safeguarding cards (pure): the forms' buttons (the forms themselves are rendered by
/// <see cref="FormCard"/>, like the dialog's steps), the advice answer and the "reconsider" offer.
/// </summary>
public static class SafeguardingCards
{
    public const string RecordIdKey = "recordId";

    /// <summary>The key, in a form's submit data, of the fields already warned about.</summary>
    public const string WarnedKey = "warned";

    /// <summary>
    /// A safeguarding form's buttons: its Submit (the action, the record it is about, extra data, and the fields already
    /// warned about, refused next time unless confirmed), then further buttons that send no inputs.
    /// </summary>
    public static IReadOnlyList<FormAction> FormActions(string submitTitle, string action, Guid? recordId, IReadOnlyDictionary<string, string> data,
        IReadOnlyList<string> warned, IReadOnlyList<(string Title, string Action, IReadOnlyDictionary<string, string> Data)> more)
    {
        ArgumentNullException.ThrowIfNull(warned);
        ArgumentNullException.ThrowIfNull(more);
        var submit = Data(action, recordId, data);
        if (warned.Count > 0)
        {
            submit[WarnedKey] = string.Join(',', warned);
        }

        var actions = new List<FormAction> { new(submitTitle, submit, Style: "positive") };
        actions.AddRange(more.Select(m => new FormAction(m.Title, Data(m.Action, recordId, m.Data), SendsInputs: false)));
        return actions;
    }

    /// <summary>The answer to a consultation, with the option to continue into a full request linked to it.</summary>
    public static JsonObject AdviceAnswer(Guid adviceId, string reference, string answeredBy, string answeredAtUk, string suggestedOutcome, string answer)
    {
        var body = new JsonArray
        {
            AdaptiveCard.Heading($"Advice on {reference}"),
            AdaptiveCard.Text($"{answeredBy} answered on {answeredAtUk}. Your consultation did not identify the person.", subtle: true),
            AdaptiveCard.FactSet([("Suggested outcome", suggestedOutcome)]),
            AdaptiveCard.Text(answer, id: "adviceText"),
            AdaptiveCard.Text("If you now need to share, continue into a full request: it will be linked to this advice.", spacing: "Medium"),
        };
        return AdaptiveCard.Card(body, new JsonArray
        {
            AdaptiveCard.Submit("Continue into a full request", Data(SafeguardingActions.ContinueFromAdvice, adviceId), style: "positive"),
        });
    }

    /// <summary>After a decline: reconsider with new information, as a new request linked to the declined one.</summary>
    public static JsonObject Reconsider(Guid requestId, string reference, string text)
    {
        var body = new JsonArray
        {
            AdaptiveCard.Heading($"Reconsider {reference} with new information"),
            AdaptiveCard.Text(text),
        };
        return AdaptiveCard.Card(body, new JsonArray
        {
            AdaptiveCard.Submit("Reconsider with new information", Data(SafeguardingActions.Reconsider, requestId)),
        });
    }

    /// <summary>
    /// After an approval in part (§7.1): what was approved, and the offer of a new request, linked to this one, for
    /// what was not (its draft is filled in from this request with the categories left out).
    /// </summary>
    public static JsonObject ApprovedInPart(Guid requestId, string reference, string text, IReadOnlyList<string> leftOutCategoryIds)
    {
        ArgumentNullException.ThrowIfNull(leftOutCategoryIds);
        var body = new JsonArray
        {
            AdaptiveCard.Heading($"{reference} was approved in part"),
            AdaptiveCard.Text(text),
        };
        return AdaptiveCard.Card(body, new JsonArray
        {
            AdaptiveCard.Submit(NewRequestForTheRest, Data(SafeguardingActions.WiderRequest, requestId,
                new Dictionary<string, string> { ["categories"] = string.Join(',', leftOutCategoryIds), [InPartKey] = "true" })),
        });
    }

    /// <summary>The button that starts a new request for what an approval in part left out.</summary>
    public const string NewRequestForTheRest = "Start a new request for what was not approved";

    /// <summary>In a wider-request's data: the new draft asks only for what the approval in part left out (and what is added).</summary>
    public const string InPartKey = "inPart";

    /// <summary>An offer to ask the approvers for advice without identifying the person.</summary>
    public static JsonObject AskAdvice(string text) => AdaptiveCard.Card(
        new JsonArray { AdaptiveCard.Text(text) },
        new JsonArray { AdaptiveCard.Submit("Ask for advice", Data(SafeguardingActions.AskAdvice, null)) });

    public static JsonObject Data(string action, Guid? recordId, IReadOnlyDictionary<string, string>? extra = null)
    {
        var data = new JsonObject { [CardData.Action] = action };
        if (recordId is { } id)
        {
            data[RecordIdKey] = id.ToString();
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>Category names with their SC / CO badges, as on the approval card.</summary>
    public static string Categories(IEnumerable<CategoryBadge> categories) =>
        string.Join(", ", categories.Select(c => c.Title + (c.SpecialCategory ? " [SC]" : string.Empty) + (c.CriminalOffence ? " [CO]" : string.Empty)));
}
