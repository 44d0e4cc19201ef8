using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// A click on an approvers' card (the approval card, the retrospective review card, the advice card), parsed into the
/// workflow's command: which record, which kind it must be, the values and their field errors.
/// </summary>
public sealed record CardCommand(Guid RecordId, string Kind, WorkflowCommand Command, JsonObject Inputs, AdviceAnswer? Advice = null)
{
    public const int MinConcernLength = 10;

    /// <summary>The command, or the invoke error to answer with when the click cannot be read.</summary>
    public static (CardCommand? Command, AdaptiveCardInvokeResponse? Error) Parse(string? verb, JsonNode? data, bool automatic, int minDeclineReasonLength, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (SafeguardingVerbs.IsKnown(verb))
        {
            return ParseRecord(verb!, data, automatic, policy);
        }

        var parse = ApprovalRules.Parse(verb, data, automatic, minDeclineReasonLength, policy.Lists.DeclineReasons);
        if (parse.Action is not { } action)
        {
            return (null, AdaptiveCardInvokeResponse.Error(400, parse.ErrorCode ?? "BadRequest", parse.ErrorMessage ?? "That card action was not understood."));
        }

        var command = new WorkflowCommand
        {
            Verb = action.Verb,
            Automatic = automatic,
            Text = action.Verb switch
            {
                ApprovalVerbs.Decline => action.Reason, ApprovalVerbs.MoreInfo => action.Question, ApprovalVerbs.Conflict or ApprovalVerbs.Reassign => action.Note,
                ApprovalVerbs.ApproveInPart => action.InPartNote, _ => null,
            },
            Code = action.Verb == ApprovalVerbs.Reassign ? action.ReassignTo : action.ReasonCode,
            Conditions = action.Conditions,
            Reconsider = action.Reconsider,
            FieldErrors = parse.FieldErrors,
        };
        if (action.Verb == ApprovalVerbs.ApproveInPart)
        {
            command = InPart(command, action, policy);
        }

        return (new CardCommand(action.RequestId, RecordKinds.Request, command, action.Inputs), null);
    }

    /// <summary>
    /// Approve in part: the ticked values, and the note checked for likely identifiers like every free text (refused
    /// until the approver confirms it holds none; the kinds confirmed are audited, never the text).
    /// </summary>
    private static WorkflowCommand InPart(WorkflowCommand command, ApproverAction action, PolicyDocument policy)
    {
        var hits = IdentifierDetector.Detect(action.InPartNote, policy.IdentifierPatterns);
        var confirmed = string.Equals(SafeguardingForms.ReadString(action.Inputs, ApprovalRules.InPartNoIdentifiers), "true", StringComparison.OrdinalIgnoreCase);
        var errors = new Dictionary<string, string>(command.FieldErrors, StringComparer.Ordinal);
        if (hits.Count > 0 && !confirmed && !errors.ContainsKey(ApprovalRules.InPartNote))
        {
            errors[ApprovalRules.InPartNote] = $"This looks like it contains {IdentifierDetector.Describe(hits)}. The record must not identify anyone: remove it, or tick the box to confirm it contains no identifying information.";
        }

        return command with
        {
            ApprovedCategoryIds = action.InPartCategoryIds,
            ApprovedRecipientTypeIds = action.InPartRecipientTypeIds,
            ConfirmedIdentifierKinds = confirmed ? [.. hits.Select(h => h.Id)] : [],
            FieldErrors = errors,
        };
    }

    private static (CardCommand?, AdaptiveCardInvokeResponse?) ParseRecord(string verb, JsonNode? data, bool automatic, PolicyDocument policy)
    {
        if (data is not JsonObject inputs || !Guid.TryParse(SafeguardingForms.ReadString(inputs, SafeguardingCards.RecordIdKey), out var id))
        {
            return (null, AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The card did not say which record it is about."));
        }

        var kind = verb switch
        {
            SafeguardingVerbs.AdviceOpen or SafeguardingVerbs.AdviceAnswer => RecordKinds.Advice,
            SafeguardingVerbs.Refresh => string.Empty, // either kind
            _ => RecordKinds.Emergency,
        };
        var command = new WorkflowCommand { Verb = verb, Automatic = automatic };
        switch (verb)
        {
            case SafeguardingVerbs.Acknowledge or SafeguardingVerbs.RaiseConcern:
                var concern = verb == SafeguardingVerbs.RaiseConcern;
                var field = concern ? SafeguardingFieldIds.ReviewConcern : SafeguardingFieldIds.ReviewNote;
                var text = SafeguardingForms.ReadString(inputs, field)?.Trim();
                var errors = new Dictionary<string, string>(StringComparer.Ordinal);
                if (text is { Length: > ApprovalRules.MaxTextLength } || (concern && (text?.Length ?? 0) < MinConcernLength))
                {
                    errors[field] = $"Write {(concern ? MinConcernLength : 0)} to {ApprovalRules.MaxTextLength} characters.";
                }

                return (new CardCommand(id, kind, command with { Text = string.IsNullOrEmpty(text) ? null : text, FieldErrors = errors }, inputs), null);
            case SafeguardingVerbs.AdviceAnswer:
                var (answer, adviceErrors) = AdviceConsultationForm.ValidateAnswer(SafeguardingForms.ReadString(inputs, SafeguardingFieldIds.AdviceAnswer),
                    SafeguardingForms.ReadString(inputs, SafeguardingFieldIds.AdviceSuggestedOutcome), policy);
                return (new CardCommand(id, kind, command with { Text = answer?.Text, Code = answer?.SuggestedOutcomeId, FieldErrors = adviceErrors }, inputs, answer), null);
            default:
                return (new CardCommand(id, kind, command, inputs), null);
        }
    }
}
