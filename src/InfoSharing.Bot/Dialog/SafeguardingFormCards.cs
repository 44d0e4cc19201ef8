using System.Text.Json.Nodes;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Dialog;

/// <summary>The practitioner's safeguarding forms, filled, or re-shown with the entered values, errors and warnings (pure).</summary>
public static class SafeguardingFormCards
{
    public const string TriggerKey = "trigger";

    public static JsonObject EmergencyShort(PolicyDocument policy, Guid recordId, string reference, DateTimeOffset startedUtc, DateTimeOffset dueUtc,
        IReadOnlyDictionary<string, string>? values = null, FormOutcome<EmergencyRecord>? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var (date, time) = SafeguardingForms.UkDateAndTime(startedUtc);
        var model = new FormCardModel
        {
            Title = $"Retrospective record of emergency sharing ({reference})",
            Intro = policy.Safeguarding.Texts.EmergencyRecordIntro,
            Notices = [$"Please give it as soon as you safely can, and the full record by {UkTime.Format(dueUtc)}."],
            Fields = EmergencyRecordForm.ShortFields(policy),
            Values = values ?? new Dictionary<string, string>
            {
                [SafeguardingFieldIds.EmergencySharedOn] = date,
                [SafeguardingFieldIds.EmergencySharedAt] = time,
            },
            Actions = Actions("Send the record", SafeguardingActions.EmergencyRecord, recordId, outcome),
        };
        return Build(model, outcome);
    }

    public static JsonObject EmergencyFull(PolicyDocument policy, Guid recordId, string reference, DateTimeOffset dueUtc, EmergencyRecord record,
        IReadOnlyDictionary<string, string>? values = null, FormOutcome<EmergencyFullRecord>? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var model = new FormCardModel
        {
            Title = $"Full record of emergency sharing ({reference})",
            Intro = policy.Safeguarding.Texts.EmergencyFullIntro,
            Notices = [$"Due by {UkTime.Format(dueUtc)}. You will be reminded until it is given."],
            Fields = EmergencyRecordForm.FullFields(policy, record),
            Values = values ?? new Dictionary<string, string>(),
            Actions = Actions("Complete the record", SafeguardingActions.EmergencyFull, recordId, outcome),
        };
        return Build(model, outcome);
    }

    public static JsonObject Advice(PolicyDocument policy, string trigger, IReadOnlyDictionary<string, string>? values = null, FormOutcome<AdviceConsultation>? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var model = new FormCardModel
        {
            Title = "Ask for advice without identifying the person",
            Intro = policy.Safeguarding.Texts.AdviceIntro,
            Fields = AdviceConsultationForm.Fields(policy),
            Values = values ?? new Dictionary<string, string>(),
            Actions = Actions("Send to the approvers", SafeguardingActions.AdviceConsultation, null, outcome, new Dictionary<string, string> { [TriggerKey] = trigger }),
        };
        return Build(model, outcome);
    }

    public static JsonObject Outcome(PolicyDocument policy, Guid requestId, string reference, string caseReference, ApprovedScope scope,
        IReadOnlyDictionary<string, string>? values = null, FormOutcome<OutcomeRecord>? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(scope);
        var notices = new List<string> { $"Approved{(scope.InPart ? " in part" : string.Empty)}: {Titles(scope, policy)}." };
        var more = new List<(string, string, IReadOnlyDictionary<string, string>)>();
        if (scope.InPart)
        {
            // Approved in part (§7.1): the form offers only what was approved; the rest needs a new request, linked to this one.
            var left = scope.NotApprovedCategoryIds.Select(id => policy.Lists.DataCategories.FirstOrDefault(c => c.Id == id)?.Title ?? id);
            notices.Add($"Not approved: {string.Join(", ", left)}. Record here only what was shared within the approval: sharing more needs a new request.");
            more.Add((SafeguardingCards.NewRequestForTheRest, SafeguardingActions.WiderRequest, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["categories"] = string.Join(',', scope.NotApprovedCategoryIds),
                [SafeguardingCards.InPartKey] = "true",
            }));
        }

        if (outcome?.Wider is { } wider)
        {
            notices.Add(policy.Safeguarding.Texts.WiderScope);
            var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["categories"] = string.Join(',', wider.NewCategoryIds) };
            if (wider.NewRecipientTypeId is { } recipient)
            {
                data["recipientType"] = recipient;
            }

            more.Add(("Start a new request for the wider sharing", SafeguardingActions.WiderRequest, data));
        }

        var model = new FormCardModel
        {
            Title = $"What happened with {reference}? (case {caseReference})",
            Intro = policy.Safeguarding.Texts.OutcomeIntro,
            Notices = notices,
            Fields = OutcomeRecordForm.Fields(policy, scope),
            Values = values ?? OutcomeRecordForm.ValuesFromScope(scope),
            Actions = Actions("Record the outcome", SafeguardingActions.OutcomeRecord, requestId, outcome, more: more),
        };
        return Build(model, outcome);
    }

    /// <summary>
    /// The short card of reasons for a decision not to share (§3.1); its buttons carry the draft's context, like the
    /// dialog's steps, and its Submit the fields already warned about.
    /// </summary>
    public static JsonObject NotShared(PolicyDocument policy, CardActionContext context, IReadOnlyDictionary<string, string>? values = null, FormOutcome<NotSharedDecision>? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var submit = AdaptiveCard.Data(CardData.NotSharedRecord, context);
        if (outcome is { IsAccepted: false, Warned.Count: > 0 })
        {
            submit[SafeguardingCards.WarnedKey] = string.Join(',', outcome.Warned);
        }

        var model = new FormCardModel
        {
            Title = "Record your decision not to share",
            Intro = "Golden rule 7: record the decision and its reasons, whether or not you share. The record keeps your answers so far; it needs no approval and nothing is sent to the approvers.",
            Fields = NotSharedForm.Fields(policy),
            Values = values ?? new Dictionary<string, string>(),
            Actions =
            [
                new("Record the decision", submit, Style: "positive"),
                new("Delete the draft instead", AdaptiveCard.Data(CardData.CancelDelete, context), Style: "destructive", SendsInputs: false),
            ],
        };
        return Build(model, outcome);
    }

    /// <summary>The Submit carries the fields warned about on a rejected submit (refused next time unless confirmed).</summary>
    private static IReadOnlyList<FormAction> Actions<T>(string submitTitle, string action, Guid? recordId, FormOutcome<T>? outcome,
        IReadOnlyDictionary<string, string>? data = null, IReadOnlyList<(string Title, string Action, IReadOnlyDictionary<string, string> Data)>? more = null)
        where T : class =>
        SafeguardingCards.FormActions(submitTitle, action, recordId, data ?? new Dictionary<string, string>(), outcome is { IsAccepted: false } ? outcome.Warned : [], more ?? []);

    /// <summary>The card, re-shown after a rejected submit with its errors, warnings and an alert above them.</summary>
    private static JsonObject Build<T>(FormCardModel model, FormOutcome<T>? outcome)
        where T : class
    {
        if (outcome is null || outcome.IsAccepted)
        {
            return FormCard.Build(model);
        }

        var alert = outcome.Errors.Count > 0 ? "Please correct the answers marked below. Your other answers are kept." : "Please check the answers marked below before you send.";
        return FormCard.Build(model with { Errors = outcome.Errors, IdentifierWarnings = outcome.Warnings, Alerts = [alert] });
    }

    private static string Titles(ApprovedScope scope, PolicyDocument policy)
    {
        var categories = scope.CategoryIds.Select(id => policy.Lists.DataCategories.FirstOrDefault(c => c.Id == id)?.Title ?? id);
        var recipient = policy.Lists.RecipientTypes.FirstOrDefault(r => r.Id == scope.RecipientTypeId)?.Title ?? scope.RecipientTypeId;
        return $"{string.Join(", ", categories)}, with {recipient}";
    }
}
