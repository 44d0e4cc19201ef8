using System.Text.Json;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// The one I/O shell of the decision workflow, for every record kind and every surface (a card's invoke, its
/// Action.Submit fallback, the 1:1 chat, the records tab): load the record, run <see cref="DecisionWorkflow.Next"/>,
/// and apply its result in one transaction with one compare-and-set on the record's status and revision (the action
/// row, the audit entries, the outbox sends, the jobs). A lost compare-and-set runs the workflow again on the fresh
/// record, so a click that lost the race is answered as what it now is ("already approved by …").
/// </summary>
public sealed partial class ApprovalService(
    BotDbContext db,
    ApprovalRecords requests,
    SafeguardingRecords records,
    UnitOfWork unitOfWork,
    AuditLog audit,
    Outbox outbox,
    ScheduledJobs jobs,
    DecisionFollowUp followUp,
    DecisionNotices notices,
    ApproverDirectory directory,
    IRetentionSchedule retention,
    TimeProvider time,
    IOptionsMonitor<ApprovalOptions> options,
    IOptionsMonitor<SafeguardingOptions> reminders,
    PolicyDocument policy,
    ILogger<ApprovalService> logger)
{
    private const int MaxAttempts = 4;

    /// <summary>
    /// One click by <paramref name="who"/> (approver kinds already resolved by <see cref="ApproverDirectory.ResolveAsync"/>)
    /// on any approvers' card, from whichever surface; the answer is the card (or message) the clicker sees.
    /// </summary>
    public async Task<ApprovalResponse> ActAsync(Actor who, string? verb, JsonNode? data, bool automatic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        var (parsed, error) = CardCommand.Parse(verb, data, automatic, options.CurrentValue.MinDeclineReasonLength, policy);
        if (parsed is null)
        {
            return ApprovalResponse.Of(error!);
        }

        using var span = BotTelemetry.Start("workflow " + parsed.Command.Verb);
        var row = await requests.FindAsync(parsed.RecordId, cancellationToken);
        var isRequest = parsed.Kind == RecordKinds.Request;
        if (row is null || (parsed.Kind.Length > 0 && row.Kind != parsed.Kind) || (!isRequest && row.Kind == RecordKinds.Request))
        {
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Error(404, "NotFound", isRequest ? "That request was not found." : "That record was not found."));
        }

        span?.SetTag(BotTelemetry.ReferenceTag, row.Reference);
        Func<InfoRequestRow, RecordPatch>? patch = parsed.Advice is { } advice ? fresh => AdvicePatch(fresh, advice) : null;
        var (result, after, actions) = await DecideAsync(who, row, parsed.Command, patch, cancellationToken);
        return await RenderAsync(after, result, parsed, actions, cancellationToken) with { Outcome = result.Outcome };
    }

    /// <summary>
    /// Runs the workflow for <paramref name="command"/> on <paramref name="row"/> and applies what it decides;
    /// <paramref name="patch"/> gives the columns a command adds to the fresh record (an answer's detail, advice).
    /// </summary>
    public async Task<(WorkflowResult Result, InfoRequestRow After)> ExecuteAsync(Actor who, InfoRequestRow row, WorkflowCommand command, Func<InfoRequestRow, RecordPatch>? patch, CancellationToken cancellationToken)
    {
        var (result, after, _) = await DecideAsync(who, row, command, patch, cancellationToken);
        return (result, after);
    }

    /// <summary>
    /// A record the practitioner makes by their own command (a submitted request, a decision not to share, §3.1, an
    /// emergency, a consultation), inside the caller's unit of work: <paramref name="created"/> is stored in its first
    /// status and the workflow's result applied to it as to any other record (status, action row, audit entries, sends
    /// and jobs: whatever the <see cref="StatusTable"/> says). Throws if the table refuses: nothing would be stored, and
    /// the caller must never name a record that does not exist.
    /// </summary>
    public async Task<WorkflowResult> CreateAsync(Actor who, InfoRequestRow created, WorkflowCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(created);
        ArgumentNullException.ThrowIfNull(command);
        var result = DecisionWorkflow.Next(Snapshot(created, []), command, who, time.GetUtcNow().UtcDateTime);
        if (result.Outcome != WorkflowOutcome.Applied)
        {
            throw new InvalidOperationException($"{created.Reference} could not be made ({command.Verb}): {result.Reply.Text}");
        }

        await audit.LockAsync(cancellationToken);
        db.Requests.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return await ApplyAsync(created, result, command, who, null, cancellationToken)
            ? result
            : throw new InvalidOperationException($"{created.Reference} changed while it was being created");
    }

    /// <summary>As <see cref="ExecuteAsync"/>; when nothing was written, also the actions read for the snapshot (the reply's card shows them).</summary>
    private async Task<(WorkflowResult Result, InfoRequestRow After, IReadOnlyList<ApprovalActionRow>? Actions)> DecideAsync(Actor who, InfoRequestRow row, WorkflowCommand command, Func<InfoRequestRow, RecordPatch>? patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(command);
        for (var attempt = 1; ; attempt++)
        {
            var actions = await requests.ActionsAsync(row.Id, cancellationToken);
            var snapshot = Snapshot(row, actions);
            if (row.Kind == RecordKinds.Request && command.Verb is ApprovalVerbs.Reassign or ApprovalVerbs.Conflict)
            {
                snapshot = snapshot with { Candidates = await directory.CandidatesAsync(cancellationToken) };
            }

            var result = DecisionWorkflow.Next(snapshot, command, who, time.GetUtcNow().UtcDateTime);
            if (result.Outcome == WorkflowOutcome.Refused)
            {
                Log.Refused(logger, command.Verb, row.Reference);
            }

            if (!result.Writes)
            {
                return (result, row, actions);
            }

            var current = row;
            if (await unitOfWork.ExecuteAsync(ct => ApplyAsync(current, result, command, who, patch, ct), cancellationToken))
            {
                return (result, result.Outcome == WorkflowOutcome.Applied ? await requests.FindAsync(row.Id, cancellationToken) ?? row : row, null);
            }

            // Someone else changed the record first: decide again on what it is now.
            row = await requests.FindAsync(row.Id, cancellationToken) ?? row;
            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"{row.Reference} kept changing under {command.Verb}");
            }
        }
    }

    private async Task<bool> ApplyAsync(InfoRequestRow row, WorkflowResult result, WorkflowCommand command, Actor who, Func<InfoRequestRow, RecordPatch>? patch, CancellationToken ct)
    {
        await audit.LockAsync(ct); // before the record's row lock (see AuditLog.LockAsync)
        var now = time.GetUtcNow().UtcDateTime;
        var reviewDate = result.Decides && row.Kind == RecordKinds.Request ? retention.ReviewDateFor(row.Kind, now) : (DateTime?)null;
        if (result.Outcome == WorkflowOutcome.Applied)
        {
            var status = result.NewStatus ?? row.Status;
            var decides = result.Decides;
            var decision = result.Decision;
            var extra = patch?.Invoke(row);
            var detailJson = extra?.DetailJson;
            var outcomeJson = extra?.OutcomeJson;
            var answersJson = extra?.AnswersJson;
            var summaryJson = extra?.SummaryJson ?? (result.InPart is { } inPart ? WithInPart(row, inPart) : null);
            var caseReference = extra?.CaseReference;
            DateTime? submittedAt = extra?.MarkSubmitted == true ? now : null;
            DateTime? outcomeAt = extra?.MarkOutcomeRecorded == true ? now : null;
            var changed = await db.Requests
                .Where(r => r.Id == row.Id && r.Status == row.Status && r.Revision == row.Revision)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, status)
                    .SetProperty(r => r.Revision, r => r.Revision + 1)
                    .SetProperty(r => r.DecidedAt, r => decides ? now : r.DecidedAt)
                    .SetProperty(r => r.DecidedByAadObjectId, r => decides ? who.ObjectId : r.DecidedByAadObjectId)
                    .SetProperty(r => r.DecidedByName, r => decides ? who.Name : r.DecidedByName)
                    .SetProperty(r => r.Decision, r => decides ? decision : r.Decision)
                    .SetProperty(r => r.ReviewDate, r => reviewDate ?? r.ReviewDate)
                    .SetProperty(r => r.DetailJson, r => detailJson ?? r.DetailJson)
                    .SetProperty(r => r.OutcomeJson, r => outcomeJson ?? r.OutcomeJson)
                    .SetProperty(r => r.AnswersJson, r => answersJson ?? r.AnswersJson)
                    .SetProperty(r => r.SummaryJson, r => summaryJson ?? r.SummaryJson)
                    .SetProperty(r => r.CaseReference, r => caseReference ?? r.CaseReference)
                    .SetProperty(r => r.SubmittedAt, r => submittedAt ?? r.SubmittedAt)
                    .SetProperty(r => r.OutcomeRecordedAt, r => outcomeAt ?? r.OutcomeRecordedAt), ct);
            if (changed == 0)
            {
                return false;
            }

            if (result.InPart is not null)
            {
                row.SummaryJson = summaryJson!; // the jobs below (the outcome form) see what was approved
            }
        }

        if (result.Action is { } action)
        {
            db.ApprovalActions.Add(new ApprovalActionRow
            {
                RequestId = row.Id,
                ActorAadObjectId = who.ObjectId,
                ActorUserId = who.ChannelUserId,
                ActorName = who.Name,
                ActorRole = action.Role,
                Action = action.Action,
                ReasonCode = action.ReasonCode,
                Text = action.Text,
                Conditions = action.Conditions,
                At = now,
            });
        }

        foreach (var entry in result.Audit)
        {
            if (reviewDate is { } review && entry.Details.ContainsKey("reviewDate"))
            {
                entry.Details["reviewDate"] = review.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            }

            await audit.AppendAsync(who.ObjectId, entry.Action, row.Kind, row.Id.ToString(), entry.Details.DeepClone().AsObject(), ct);
        }

        foreach (var send in result.Sends)
        {
            switch (send.Kind)
            {
                case SendKind.PostCard:
                    outbox.Enqueue(row.Kind == RecordKinds.Request ? OutboxOperations.PostApprovalCard : OutboxOperations.PostRecordCard, send.Purpose, row.Id);
                    break;
                case SendKind.UpdateCard:
                    outbox.Enqueue(row.Kind == RecordKinds.Request ? OutboxOperations.UpdateApprovalCard : OutboxOperations.UpdateRecordCard, send.Purpose, row.Id);
                    break;
                case SendKind.NotifyRequester:
                    outbox.Enqueue(OutboxOperations.NotifyRequester, send.Purpose, row.Id, notices.Payload(row, send.Notice, command, who, now));
                    break;
                case SendKind.ThreadReply:
                    outbox.Enqueue(OutboxOperations.ThreadReply, send.Purpose, row.Id, notices.Payload(row, send.Notice, command, who, now, send.Mention));
                    break;
            }
        }

        foreach (var job in result.Jobs)
        {
            switch (job)
            {
                case WorkflowJob.CancelApproverReminders:
                    await jobs.CancelApproverJobsAsync(row.Id, CancelReason(row.Kind, result.NewStatus), ct);
                    break;
                case WorkflowJob.AskForOutcome:
                    followUp.AskForOutcome(row);
                    break;
                case WorkflowJob.OfferReconsider:
                    followUp.OfferReconsider(row);
                    break;
                case WorkflowJob.ScheduleReviewReminders:
                    jobs.Schedule(row.Id, ReminderPlanner.ForEmergencyReview(time.GetUtcNow(), reminders.CurrentValue.Reminders));
                    break;
                case WorkflowJob.CancelPractitionerReminders when row.Kind == RecordKinds.Emergency:
                    await jobs.CancelAsync(row.Id, "record complete", ct, JobKinds.PractitionerReminder, JobKinds.RecordOverdue);
                    break;
                case WorkflowJob.CancelPractitionerReminders:
                    await jobs.CancelAsync(row.Id, "outcome recorded", ct, JobKinds.PractitionerReminder);
                    break;
                case WorkflowJob.CancelAllJobs:
                    await jobs.CancelAsync(row.Id, "nothing was shared", ct);
                    break;
                case WorkflowJob.EscalateNow:
                    await jobs.EscalateNowAsync(row.Id, ct);
                    break;
                case WorkflowJob.AskForAnswer:
                    jobs.Schedule(row.Id, ReminderPlanner.ForMoreInfo(time.GetUtcNow(), reminders.CurrentValue.Reminders));
                    break;
                case WorkflowJob.ScheduleApproverReminders:
                    jobs.Schedule(row.Id, ReminderPlanner.ForRequest(row.Urgency, row.Deadline is { } due ? new DateTimeOffset(due, TimeSpan.Zero) : null, new DateTimeOffset(row.SubmittedAt ?? now, TimeSpan.Zero), reminders.CurrentValue.Reminders));
                    break;
                case WorkflowJob.AskForEmergencyRecord:
                    jobs.Schedule(row.Id, ReminderPlanner.ForEmergency(new DateTimeOffset(row.CreatedAt, TimeSpan.Zero), new DateTimeOffset(row.Deadline ?? row.CreatedAt, TimeSpan.Zero), reminders.CurrentValue.Reminders));
                    break;
                case WorkflowJob.ScheduleAdviceReminders:
                    jobs.Schedule(row.Id, ReminderPlanner.ForAdvice(time.GetUtcNow(), reminders.CurrentValue.Reminders));
                    break;
                case WorkflowJob.CancelAnswerReminders:
                    await jobs.CancelAsync(row.Id, "answered", ct, JobKinds.MoreInfoReminder, JobKinds.MoreInfoUnanswered);
                    break;
            }
        }

        return true;
    }

    private async Task<ApprovalResponse> RenderAsync(InfoRequestRow row, WorkflowResult result, CardCommand parsed, IReadOnlyList<ApprovalActionRow>? actions, CancellationToken cancellationToken)
    {
        var reply = result.Reply;
        if (reply.View == ReplyView.Message)
        {
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Message(reply.Text ?? string.Empty));
        }

        var errors = parsed.Command.FieldErrors;
        var notice = reply.View is ReplyView.Errors or ReplyView.DetailErrors && errors.Count > 0 ? string.Join(" ", errors.Values) : reply.Text;
        if (row.Kind == RecordKinds.Request)
        {
            var model = ApprovalRecords.Model(row, actions ?? await requests.ActionsAsync(row.Id, cancellationToken), [], policy,
                RequestStatus.IsDecided(row.Status) ? null : await directory.CandidatesAsync(cancellationToken));
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(reply.View switch
            {
                ReplyView.Detail => ApprovalCards.Detail(model, ApprovalRecords.Detail(row)),
                ReplyView.Errors or ReplyView.DetailErrors => ApprovalCards.Channel(model, errors, parsed.Inputs, reply.Text),
                _ => ApprovalCards.Channel(model, banner: reply.Text),
            }), notice);
        }

        var recordModel = records.Model(row, actions ?? await requests.ActionsAsync(row.Id, cancellationToken), [], time.GetUtcNow());
        return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(reply.View switch
        {
            ReplyView.Detail => RecordCards.Detail(recordModel, records.Detail(row), policy),
            ReplyView.DetailErrors => RecordCards.Detail(recordModel, records.Detail(row), policy, errors, parsed.Inputs, reply.Text),
            ReplyView.Errors => RecordCards.Channel(recordModel, errors, parsed.Inputs, reply.Text),
            _ => RecordCards.Channel(recordModel, banner: reply.Text),
        }), notice);
    }

    private RecordPatch AdvicePatch(InfoRequestRow row, Dialog.AdviceAnswer answer)
    {
        var json = JsonSerializer.Serialize(answer, Dialog.DialogJsonContext.Default.AdviceAnswer);
        var detail = JsonSerializer.Serialize(records.Detail(SafeguardingRecords.WithJson(row, row.AnswersJson, json)), ApprovalsJsonContext.Default.ApprovalDetail);
        return new RecordPatch(detail, json);
    }

    /// <summary>The request's summary with what an approval in part approved (ids, and the policy's titles now).</summary>
    private string WithInPart(InfoRequestRow row, ApprovedInPart scope)
    {
        var l = policy.Lists;
        List<string> Categories(IReadOnlyList<string> ids) => [.. ids.Select(id => l.DataCategories.FirstOrDefault(c => c.Id == id)?.Title ?? id)];
        List<string> Recipients(IReadOnlyList<string> ids) => [.. ids.Select(id => l.RecipientTypes.FirstOrDefault(r => r.Id == id)?.Title ?? id)];
        var summary = ApprovalRecords.Summary(row) with
        {
            InPart = new InPartSummary
            {
                CategoryIds = scope.CategoryIds,
                RecipientTypeIds = scope.RecipientTypeIds,
                LeftOutCategoryIds = scope.LeftOutCategoryIds,
                LeftOutRecipientTypeIds = scope.LeftOutRecipientTypeIds,
                Categories = Categories(scope.CategoryIds),
                Recipients = Recipients(scope.RecipientTypeIds),
                LeftOutCategories = Categories(scope.LeftOutCategoryIds),
                LeftOutRecipients = Recipients(scope.LeftOutRecipientTypeIds),
            },
        };
        return JsonSerializer.Serialize(summary, ApprovalsJsonContext.Default.ApprovalSummary);
    }

    private static string CancelReason(string kind, string? status) => kind switch
    {
        RecordKinds.Request => $"decided: {status}",
        RecordKinds.Advice => "answered",
        _ => $"reviewed: {status}",
    };

    public static RecordSnapshot Snapshot(InfoRequestRow row, IReadOnlyList<ApprovalActionRow> actions)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(actions);
        var submission = row.Kind == RecordKinds.Request ? SafeguardingRecords.Submission(row) : null;
        return new RecordSnapshot
        {
            Id = row.Id,
            Reference = row.Reference,
            Kind = row.Kind,
            Status = row.Status,
            Revision = row.Revision,
            RequesterObjectId = row.RequesterAadObjectId,
            RequesterUserId = row.RequesterUserId,
            RequiresDpo = row.RequiresDpo,
            RequiresPreventLead = row.RequiresPreventLead,
            DecidedByName = row.DecidedByName,
            DecidedAt = row.DecidedAt,
            OutcomeRecorded = row.OutcomeRecordedAt is not null,
            Actions = [.. actions.Select(a => new PriorAction(a.Action, a.ActorAadObjectId, a.ActorRole, a.ReasonCode))],
            RequestedCategoryIds = submission?.What.CategoryIds ?? [],
            RequestedRecipientTypeIds = submission is null ? [] : [submission.WithWhom.RecipientTypeId],
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Refused {Verb} on {Reference}: not permitted for this user")]
        public static partial void Refused(ILogger logger, string verb, string reference);
    }
}
