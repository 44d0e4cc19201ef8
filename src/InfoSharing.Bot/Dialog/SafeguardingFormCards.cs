using System.Text.Json.Nodes;
using InfoSharing.Bot.Dialog;
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
        var model = new SafeguardingFormModel
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
            Action = SafeguardingActions.EmergencyRecord,
            RecordId = recordId,
            SubmitTitle = "Send the record",
        };
        return SafeguardingCards.Form(With(model, outcome));
    }

    public static JsonObject EmergencyFull(PolicyDocument policy, Guid recordId, string reference, DateTimeOffset dueUtc, EmergencyRecord record,
        IReadOnlyDictionary<string, string>? values = null, FormOutcome<EmergencyFullRecord>? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var model = new SafeguardingFormModel
        {
            Title = $"Full record of emergency sharing ({reference})",
            Intro = policy.Safeguarding.Texts.EmergencyFullIntro,
            Notices = [$"Due by {UkTime.Format(dueUtc)}. You will be reminded until it is given."],
            Fields = EmergencyRecordForm.FullFields(policy, record),
            Values = values ?? new Dictionary<string, string>(),
            Action = SafeguardingActions.EmergencyFull,
            RecordId = recordId,
            SubmitTitle = "Complete the record",
        };
        return SafeguardingCards.Form(With(model, outcome));
    }

    public static JsonObject Advice(PolicyDocument policy, string trigger, IReadOnlyDictionary<string, string>? values = null, FormOutcome<AdviceConsultation>? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var model = new SafeguardingFormModel
        {
            Title = "Ask for advice without identifying the person",
            Intro = policy.Safeguarding.Texts.AdviceIntro,
            Fields = AdviceConsultationForm.Fields(policy),
            Values = values ?? new Dictionary<string, string>(),
            Action = SafeguardingActions.AdviceConsultation,
            Data = new Dictionary<string, string> { [TriggerKey] = trigger },
            SubmitTitle = "Send to the approvers",
        };
        return SafeguardingCards.Form(With(model, outcome));
    }

    public static JsonObject Outcome(PolicyDocument policy, Guid requestId, string reference, string caseReference, ApprovedScope scope,
        IReadOnlyDictionary<string, string>? values = null, FormOutcome<OutcomeRecord>? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(scope);
        var notices = new List<string> { $"Approved: {Titles(scope, policy)}." };
        var more = new List<(string, string, IReadOnlyDictionary<string, string>)>();
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

        var model = new SafeguardingFormModel
        {
            Title = $"What happened with {reference}? (case {caseReference})",
            Intro = policy.Safeguarding.Texts.OutcomeIntro,
            Notices = notices,
            Fields = OutcomeRecordForm.Fields(policy),
            Values = values ?? OutcomeRecordForm.ValuesFromScope(scope),
            Action = SafeguardingActions.OutcomeRecord,
            RecordId = requestId,
            SubmitTitle = "Record the outcome",
            MoreActions = more,
        };
        return SafeguardingCards.Form(With(model, outcome));
    }

    private static SafeguardingFormModel With<T>(SafeguardingFormModel model, FormOutcome<T>? outcome)
        where T : class
    {
        if (outcome is null || outcome.IsAccepted)
        {
            return model;
        }

        var alert = outcome.Errors.Count > 0 ? "Please correct the answers marked below. Your other answers are kept." : "Please check the answers marked below before you send.";
        return model with { Errors = outcome.Errors, Warnings = outcome.Warnings, Warned = outcome.Warned, Alerts = [alert] };
    }

    private static string Titles(ApprovedScope scope, PolicyDocument policy)
    {
        var categories = scope.CategoryIds.Select(id => policy.Lists.DataCategories.FirstOrDefault(c => c.Id == id)?.Title ?? id);
        var recipient = policy.Lists.RecipientTypes.FirstOrDefault(r => r.Id == scope.RecipientTypeId)?.Title ?? scope.RecipientTypeId;
        return $"{string.Join(", ", categories)}, with {recipient}";
    }
}
