using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Storage;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// The practitioner's safeguarding cards in the 1:1 chat: the emergency records, the anonymised consultation, the
/// outcome after approval, and requests linked to an earlier record. Each form is checked by its pure validator; an
/// accepted record the practitioner owes goes through the decision workflow (<see cref="ApprovalService.ExecuteAsync"/>),
/// like every other change to a record.
/// </summary>
public sealed partial class PractitionerSafeguarding(
    PolicyDocument policy,
    SafeguardingRecords records,
    ApprovalRecords requests,
    ApprovalService approvals,
    UnitOfWork unitOfWork,
    RequestReferences references,
    TurnReplies replies,
    DialogTurnHandler dialog,
    TimeProvider time,
    IOptionsMonitor<SafeguardingOptions> options,
    ILogger<PractitionerSafeguarding> logger)
{
    public async Task HandleAsync(TurnContext turn, string action, JsonObject value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(value);
        switch (action)
        {
            case SafeguardingActions.AskAdvice:
                await AskAdviceAsync(turn, "command", cancellationToken);
                return;
            case SafeguardingActions.AdviceConsultation:
                await ConsultAsync(turn, value, cancellationToken);
                return;
        }

        var row = Guid.TryParse(SafeguardingForms.ReadString(value, SafeguardingCards.RecordIdKey), out var id) ? await requests.FindAsync(id, cancellationToken) : null;
        if (row is null || !string.Equals(row.RequesterAadObjectId, turn.ActorId, StringComparison.OrdinalIgnoreCase))
        {
            await replies.SendAsync(turn, "That record was not found among yours.", null, cancellationToken);
            return;
        }

        switch (action)
        {
            case SafeguardingActions.EmergencyRecord when row.Kind == RecordKinds.Emergency:
                await EmergencyRecordAsync(turn, row, value, cancellationToken);
                break;
            case SafeguardingActions.EmergencyFull when row.Kind == RecordKinds.Emergency:
                await EmergencyFullAsync(turn, row, value, cancellationToken);
                break;
            case SafeguardingActions.OutcomeRecord when row.Kind == RecordKinds.Request:
                await OutcomeAsync(turn, row, value, cancellationToken);
                break;
            case SafeguardingActions.ContinueFromAdvice or SafeguardingActions.Reconsider or SafeguardingActions.WiderRequest:
                await LinkAsync(turn, row, action, value, cancellationToken);
                break;
            default:
                await replies.SendAsync(turn, "That button does not belong to this record.", null, cancellationToken);
                break;
        }
    }

    /// <summary>The consultation form, empty (asked for directly) or seeded by the dialog.</summary>
    public Task AskAdviceAsync(TurnContext turn, string trigger, CancellationToken cancellationToken) =>
        replies.SendAsync(turn, null, SafeguardingFormCards.Advice(policy, trigger), cancellationToken);

    private async Task EmergencyRecordAsync(TurnContext turn, InfoRequestRow row, JsonObject value, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = new DateTimeOffset(row.Deadline ?? row.CreatedAt, TimeSpan.Zero);
        if (row.Status != SafeguardingStatus.RecordDue)
        {
            await replies.SendAsync(turn, $"The retrospective record of **{row.Reference}** was already given.", null, cancellationToken);
            await ResendFullFormAsync(turn, row, cancellationToken);
            return;
        }

        var fields = EmergencyRecordForm.ShortFields(policy);
        var values = SafeguardingForms.Values(value, fields);
        var outcome = EmergencyRecordForm.ValidateShort(values, SafeguardingForms.Warned(value), policy, now);
        if (outcome.Value is not { } record)
        {
            await replies.SendAsync(turn, null, SafeguardingFormCards.EmergencyShort(policy, row.Id, row.Reference, new DateTimeOffset(row.CreatedAt, TimeSpan.Zero), due, values, outcome), cancellationToken);
            return;
        }

        var command = new WorkflowCommand
        {
            Verb = record.Shared ? StatusTable.EmergencyRecorded : StatusTable.EmergencyNothingShared,
            AuditDetails = new JsonObject
            {
                ["categories"] = string.Join(',', record.CategoryIds),
                ["recipientType"] = record.RecipientTypeId,
                ["sharedAtUtc"] = record.SharedAtUtc?.UtcDateTime.ToString("O"),
                ["method"] = record.MethodId,
                ["authorisedVerbally"] = record.AuthorisedVerbally,
                ["confirmedNoIdentifier"] = string.Join(',', record.ConfirmedNoIdentifierFields),
            },
        };
        var (result, _) = await approvals.ExecuteAsync(turn.Actor, row, command, fresh => records.AfterEmergencyRecord(fresh, record), cancellationToken);
        if (result.Outcome != WorkflowOutcome.Applied)
        {
            await replies.SendAsync(turn, $"The retrospective record of **{row.Reference}** was already given.", null, cancellationToken);
            return;
        }

        Log.EmergencyRecorded(logger, row.Reference, record.Shared);
        if (!record.Shared)
        {
            await replies.SendAsync(turn, $"Recorded in **{row.Reference}**: nothing was shared. No further record is needed, and you will not be reminded.", null, cancellationToken);
            return;
        }

        await replies.SendAsync(turn,
            $"Thank you. **{row.Reference}** has been sent to the approvers for a retrospective review; they acknowledge it or raise a concern, they do not approve or decline it. "
            + $"Now complete the full record, by {UkTime.Format(due)}.",
            SafeguardingFormCards.EmergencyFull(policy, row.Id, row.Reference, due, record), cancellationToken);
    }

    private async Task EmergencyFullAsync(TurnContext turn, InfoRequestRow row, JsonObject value, CancellationToken cancellationToken)
    {
        var due = new DateTimeOffset(row.Deadline ?? row.CreatedAt, TimeSpan.Zero);
        var record = SafeguardingRecords.ShortRecord(row);
        if (record is null || row.Status == SafeguardingStatus.RecordDue)
        {
            await replies.SendAsync(turn, "Please give the short retrospective record first.",
                SafeguardingFormCards.EmergencyShort(policy, row.Id, row.Reference, new DateTimeOffset(row.CreatedAt, TimeSpan.Zero), due), cancellationToken);
            return;
        }

        if (row.OutcomeRecordedAt is not null)
        {
            await replies.SendAsync(turn, $"The record of **{row.Reference}** is already complete.", null, cancellationToken);
            return;
        }

        var values = SafeguardingForms.Values(value, EmergencyRecordForm.FullFields(policy, record));
        var outcome = EmergencyRecordForm.ValidateFull(values, SafeguardingForms.Warned(value), policy, record);
        if (outcome.Value is not { } full)
        {
            await replies.SendAsync(turn, null, SafeguardingFormCards.EmergencyFull(policy, row.Id, row.Reference, due, record, values, outcome), cancellationToken);
            return;
        }

        var command = new WorkflowCommand
        {
            Verb = StatusTable.EmergencyFull,
            AuditDetails = new JsonObject
            {
                ["article6"] = full.Article6BasisId,
                ["article9"] = full.Article9ConditionId,
                ["article10"] = full.CriminalOffenceConditionId,
                ["informed"] = full.InformedId,
                ["confirmedNoIdentifier"] = string.Join(',', full.ConfirmedNoIdentifierFields),
            },
        };
        var (result, _) = await approvals.ExecuteAsync(turn.Actor, row, command, fresh => records.AfterEmergencyFull(fresh, record, full), cancellationToken);
        var completed = result.Outcome == WorkflowOutcome.Applied;
        await replies.SendAsync(turn, completed
            ? $"Thank you: the record of **{row.Reference}** is complete. The approvers can see it on the review card."
            : $"The record of **{row.Reference}** is already complete.", null, cancellationToken);
    }

    private async Task ConsultAsync(TurnContext turn, JsonObject value, CancellationToken cancellationToken)
    {
        var trigger = SafeguardingForms.ReadString(value, SafeguardingFormCards.TriggerKey) switch
        {
            "anonymisedConsultation" => "anonymisedConsultation",
            "adviceNow" => "adviceNow",
            _ => "command",
        };
        var values = SafeguardingForms.Values(value, AdviceConsultationForm.Fields(policy));
        var outcome = AdviceConsultationForm.Validate(values, SafeguardingForms.Warned(value), policy, trigger);
        if (outcome.Value is not { } consultation)
        {
            await replies.SendAsync(turn, null, SafeguardingFormCards.Advice(policy, trigger, values, outcome), cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        var reference = await unitOfWork.ExecuteAsync(async ct =>
        {
            var at = now.UtcDateTime;
            var reference = await references.NextAsync(options.CurrentValue.AdviceReferencePrefix, at, ct);
            var row = records.NewAdvice(reference, turn.Maker, consultation, at);
            await approvals.CreateAsync(turn.Actor, row, new WorkflowCommand
            {
                Verb = StatusTable.AdviceAsked,
                AuditDetails = new JsonObject
                {
                    ["identityDisclosed"] = false,
                    ["trigger"] = trigger,
                    ["policyVersion"] = policy.Version,
                    ["confirmedNoIdentifier"] = string.Join(',', consultation.ConfirmedNoIdentifierFields),
                },
            }, ct);
            return reference;
        }, cancellationToken);
        await replies.SendAsync(turn,
            $"Sent to the approvers as **{reference}**, without identifying the person. You will get their advice here."
            + (trigger == "command" ? string.Empty : " Your draft request is kept: type `new request` to carry on with it."), null, cancellationToken);
    }

    private async Task OutcomeAsync(TurnContext turn, InfoRequestRow row, JsonObject value, CancellationToken cancellationToken)
    {
        if (row.Status != RequestStatus.Approved)
        {
            await replies.SendAsync(turn, $"**{row.Reference}** is not approved ({RequestStatus.Title(row.Status).ToLowerInvariant()}), so there is no outcome to record.", null, cancellationToken);
            return;
        }

        if (row.OutcomeRecordedAt is not null)
        {
            await replies.SendAsync(turn, $"The outcome of **{row.Reference}** was already recorded on {ApprovalCards.FormatUk(row.OutcomeRecordedAt.Value)}.", null, cancellationToken);
            return;
        }

        if (SafeguardingRecords.Scope(row) is not { } scope)
        {
            await replies.SendAsync(turn, $"The approved answers of **{row.Reference}** could not be read; please tell your Designated Safeguarding Lead.", null, cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        var values = SafeguardingForms.Values(value, OutcomeRecordForm.Fields(policy, scope));
        var outcome = OutcomeRecordForm.Validate(values, SafeguardingForms.Warned(value), policy, scope, now);
        if (outcome.Value is not { } result)
        {
            await replies.SendAsync(turn, null, SafeguardingFormCards.Outcome(policy, row.Id, row.Reference, row.CaseReference, scope, values, outcome), cancellationToken);
            return;
        }

        var title = policy.Safeguarding.OutcomeOptions.FirstOrDefault(o => o.Id == result.OutcomeId)?.Title ?? result.OutcomeId;
        var command = new WorkflowCommand
        {
            Verb = StatusTable.Outcome,
            Text = title,
            AuditDetails = new JsonObject
            {
                ["outcome"] = result.OutcomeId,
                ["kind"] = result.Kind.ToString(),
                ["sharedAtUtc"] = result.SharedAtUtc?.UtcDateTime.ToString("O"),
                ["method"] = result.MethodId,
                ["confirmedNoIdentifier"] = string.Join(',', result.ConfirmedNoIdentifierFields),
            },
        };
        var (applied, _) = await approvals.ExecuteAsync(turn.Actor, row, command,
            _ => SafeguardingRecords.AfterOutcome(result), cancellationToken);
        var recorded = applied.Outcome == WorkflowOutcome.Applied;
        await replies.SendAsync(turn, recorded
            ? $"Thank you: the outcome of **{row.Reference}** is recorded ({title.ToLowerInvariant()})."
            : $"The outcome of **{row.Reference}** was already recorded.", null, cancellationToken);
    }

    /// <summary>Continue from advice, reconsider a declined request, or ask for wider sharing: the dialog, linked to the record.</summary>
    private async Task LinkAsync(TurnContext turn, InfoRequestRow row, string action, JsonObject value, CancellationToken cancellationToken)
    {
        LinkedStartInput? input = action switch
        {
            SafeguardingActions.ContinueFromAdvice when row is { Kind: RecordKinds.Advice, Status: SafeguardingStatus.AdviceGiven } => new LinkedStartInput
            {
                Actor = DialogTurnHandler.Actor(turn),
                Link = new RecordLink(row.Id, row.Reference, RecordLink.Advice)
                {
                    Summary = SafeguardingRecords.Answer(row) is { } answer
                        ? $"Anonymised consultation {row.Reference}: suggested outcome {records.Title(policy.Safeguarding.AdviceOutcomes, answer.SuggestedOutcomeId)}."
                        : null,
                },
            },
            SafeguardingActions.Reconsider when row is { Kind: RecordKinds.Request, Status: RequestStatus.Declined } && SafeguardingRecords.Submission(row) is { } declined => new LinkedStartInput
            {
                Actor = DialogTurnHandler.Actor(turn),
                Link = new RecordLink(row.Id, row.Reference, RecordLink.Reconsider),
                Answers = declined.ToAnswers() with { Urgency = null }, // the urgency is asked again
            },
            SafeguardingActions.WiderRequest when row is { Kind: RecordKinds.Request, Status: RequestStatus.Approved } && SafeguardingRecords.Submission(row) is { } approved => new LinkedStartInput
            {
                Actor = DialogTurnHandler.Actor(turn),
                Link = new RecordLink(row.Id, row.Reference, RecordLink.Wider),
                Answers = Wider(approved, value),
            },
            _ => null,
        };
        if (input is null)
        {
            await replies.SendAsync(turn, $"**{row.Reference}** cannot be used for that now ({RequestStatus.Title(row.Status).ToLowerInvariant()}).", null, cancellationToken);
            return;
        }

        await dialog.ContinueWithAsync(turn, input, cancellationToken);
    }

    private async Task ResendFullFormAsync(TurnContext turn, InfoRequestRow row, CancellationToken cancellationToken)
    {
        if (row.OutcomeRecordedAt is null && SafeguardingRecords.ShortRecord(row) is { Shared: true } record)
        {
            await replies.SendAsync(turn, null, SafeguardingFormCards.EmergencyFull(policy, row.Id, row.Reference, new DateTimeOffset(row.Deadline ?? row.CreatedAt, TimeSpan.Zero), record), cancellationToken);
        }
    }

    /// <summary>The approved answers widened by what the outcome form said was shared beyond them (known ids only).</summary>
    private DraftAnswers Wider(RequestSubmission s, JsonObject value)
    {
        var known = policy.Lists.DataCategories.Select(c => c.Id).ToList();
        var added = (SafeguardingForms.ReadString(value, "categories") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(known.Contains).ToList();
        var recipient = SafeguardingForms.ReadString(value, "recipientType") is { } r && policy.Lists.RecipientTypes.Any(t => t.Id == r) ? r : s.WithWhom.RecipientTypeId;
        // After an approval in part the new request asks only for what was left out (and anything added), not again for what was approved.
        var inPart = SafeguardingForms.ReadString(value, SafeguardingCards.InPartKey) == "true" && added.Count > 0;
        var categories = known.Where(id => (!inPart && s.What.CategoryIds.Contains(id)) || added.Contains(id)).ToList();
        return s.ToAnswers() with
        {
            Urgency = null, // the urgency is asked again
            What = s.What with { CategoryIds = categories },
            WithWhom = s.WithWhom with { RecipientTypeId = recipient },
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Emergency record {Reference} given (shared: {Shared})")]
        public static partial void EmergencyRecorded(ILogger logger, string reference, bool shared);
    }
}
