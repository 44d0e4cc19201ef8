using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;
using F = InfoSharing.Bot.Cards.SafeguardingFieldIds;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The record of what happened after approval (§3), pure. "Shared with changes" that adds a kind of information or
/// changes the recipient widens the scope: it is not recorded, and a new approval is needed.
/// </summary>
public static class OutcomeRecordForm
{
    /// <summary>The form; after an approval in part (<paramref name="scope"/>), its categories are only those approved.</summary>
    public static IReadOnlyList<FormField> Fields(PolicyDocument policy, ApprovedScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var lists = policy.Lists;
        var limits = policy.Limits;
        var s = policy.Safeguarding;
        return
        [
            FormFields.Single(F.Outcome, "What happened?", s.OutcomeOptions.Select(o => new ChoiceOption(o.Id, o.Title))),
            FormFields.Date(F.OutcomeSharedOn, "If shared: the date (UK)"),
            FormFields.Time(F.OutcomeSharedAt, "If shared: the time (UK)"),
            FormFields.Text(F.OutcomeSharedBy, "If shared: by whom (a role, not a name)", limits.ShortText, placeholder: "For example: me, or the Designated Safeguarding Lead"),
            FormFields.Single(F.OutcomeMethod, "If shared: how", lists.SecureMethods.Select(m => new ChoiceOption(m.Id, m.Title)), expanded: false, required: false),
            FormFields.Text(F.OutcomeContentLocation, "If shared: where the shared content is kept (a case-system reference, never the content)", limits.ShortText,
                placeholder: $"For example: case file {policy.CaseReference.Example}, document 7"),
            FormFields.Text(F.OutcomeChanges, "If shared with changes: what changed, and why", limits.Explanation, multiline: true),
            FormFields.Multi(F.OutcomeCategories, "If shared with changes: the kinds of information actually shared", SafeguardingForms.Categories(policy)
                .Where(c => scope is not { InPart: true } || scope.CategoryIds.Contains(c.Value, StringComparer.Ordinal)), required: false),
            FormFields.Single(F.OutcomeRecipientType, "If shared with changes: the recipient actually shared with", lists.RecipientTypes.Select(r => new ChoiceOption(r.Id, r.Title)), expanded: false, required: false),
            FormFields.Text(F.OutcomeNotSharedReason, "If not shared: why not", limits.Explanation, multiline: true),
            FormFields.Single(F.OutcomeRequesterTold, "If not shared: was the organisation that asked for it told?", s.RequesterToldOptions.Select(o => new ChoiceOption(o.Id, o.Title)), required: false),
        ];
    }

    /// <summary>The form pre-filled with what was approved (so a change is a deliberate edit).</summary>
    public static IReadOnlyDictionary<string, string> ValuesFromScope(ApprovedScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [F.OutcomeCategories] = string.Join(',', scope.CategoryIds),
            [F.OutcomeRecipientType] = scope.RecipientTypeId,
        };
        if (scope.MethodId is { } method)
        {
            values[F.OutcomeMethod] = method;
        }

        return values;
    }

    public static FormOutcome<OutcomeRecord> Validate(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> warned, PolicyDocument policy, ApprovedScope scope, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var reader = SafeguardingForms.Reader(values, warned, policy);
        var lists = policy.Lists;
        var limits = policy.Limits;
        var s = policy.Safeguarding;
        var outcomeId = reader.Choice(F.Outcome, s.OutcomeOptions.Select(o => o.Id));
        var option = s.OutcomeOptions.FirstOrDefault(o => o.Id == outcomeId);
        if (option is null)
        {
            return new FormOutcome<OutcomeRecord> { Errors = reader.Errors };
        }

        if (option.Kind == OutcomeKind.NotShared)
        {
            var reason = reader.Text(F.OutcomeNotSharedReason, limits.Explanation, required: true, "Say why it was not shared.");
            var told = reader.Choice(F.OutcomeRequesterTold, s.RequesterToldOptions.Select(o => o.Id));
            return SafeguardingForms.Finish(reader, values, warned, policy, confirmed => new OutcomeRecord
            {
                OutcomeId = option.Id,
                Kind = option.Kind,
                NotSharedReason = reason,
                RequesterToldId = told,
                ConfirmedNoIdentifierFields = confirmed,
            });
        }

        var when = SafeguardingForms.When(reader, F.OutcomeSharedOn, F.OutcomeSharedAt, now, scope.SubmittedAtUtc,
            $"This is before the request was submitted ({UkTime.Format(scope.SubmittedAtUtc)}): give the time you shared it.", required: true);
        var by = reader.Text(F.OutcomeSharedBy, limits.ShortText, required: true, "Say who shared it (a role).");
        var method = reader.Choice(F.OutcomeMethod, lists.SecureMethods.Select(m => m.Id));
        var location = reader.Text(F.OutcomeContentLocation, limits.ShortText, required: true, "Say where the shared content is kept.");
        string? changes = null;
        IReadOnlyList<string> categories = scope.CategoryIds;
        var recipient = scope.RecipientTypeId;
        WiderScope? wider = null;
        if (option.Kind == OutcomeKind.SharedWithChanges)
        {
            changes = reader.Text(F.OutcomeChanges, limits.Explanation, required: true, "Say what changed and why.");
            categories = reader.Choices(F.OutcomeCategories, lists.DataCategories.Select(c => c.Id), required: true, "Choose the kinds of information actually shared.");
            recipient = reader.Choice(F.OutcomeRecipientType, lists.RecipientTypes.Select(r => r.Id)) ?? scope.RecipientTypeId;
            var added = categories.Where(c => !scope.CategoryIds.Contains(c, StringComparer.Ordinal)).ToList();
            var newRecipient = reader.HasError(F.OutcomeRecipientType) || string.Equals(recipient, scope.RecipientTypeId, StringComparison.Ordinal) ? null : recipient;
            if (added.Count > 0 || newRecipient is not null)
            {
                wider = new WiderScope(added, newRecipient);
                if (added.Count > 0)
                {
                    var titles = added.Select(id => lists.DataCategories.FirstOrDefault(c => c.Id == id)?.Title ?? id).ToList();
                    reader.Error(F.OutcomeCategories, $"Not approved: {SafeguardingForms.Describe(titles)}. Sharing it needs a new approval.");
                }

                if (newRecipient is not null)
                {
                    reader.Error(F.OutcomeRecipientType, "A different recipient was not approved. Sharing with them needs a new approval.");
                }
            }
        }

        return SafeguardingForms.Finish(reader, values, warned, policy, confirmed => new OutcomeRecord
        {
            OutcomeId = option.Id,
            Kind = option.Kind,
            Changes = changes,
            CategoryIds = categories,
            RecipientTypeId = recipient,
            SharedAtUtc = when,
            SharedByRole = by,
            MethodId = method,
            ContentLocation = location,
            ConfirmedNoIdentifierFields = confirmed,
        }, wider: wider);
    }
}
