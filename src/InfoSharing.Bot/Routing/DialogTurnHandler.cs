using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Records.Retention;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Protocol;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// The I/O around the pure dialog: load the draft, run <see cref="DialogEngine.Next"/>, save the new state with a
/// revision check and carry out its effects (a submitted request goes through the decision workflow like every other
/// record: its action row, audit entry, approval card and reminders) in one transaction, then send the replies. A lost race re-runs the pure step on the winner's state.
/// </summary>
public sealed class DialogTurnHandler(
    BotDbContext db,
    DialogStateStore drafts,
    PolicyDocument policy,
    UnitOfWork unitOfWork,
    AuditLog audit,
    ApprovalService approvals,
    RequestReferences references,
    TurnReplies replies,
    TimeProvider time,
    RecordRetention retention,
    IOptionsMonitor<ApprovalOptions> approvalOptions,
    IOptions<BotOptions> options,
    SafeguardingEffects safeguarding)
{
    private const string RequestKind = "request";

    /// <summary>Named points where a Development crash test may stop the process (Hosting/CrashHook); no one listens otherwise.</summary>
    private static readonly DiagnosticListener CrashPoints = new("InfoSharing.Bot.CrashPoints");

    public Task WelcomeAsync(TurnContext turn, CancellationToken cancellationToken) =>
        replies.SendAsync(turn, null, WelcomeCard.Build(policy.Texts, $"Welcome to {options.Value.DisplayName}"), cancellationToken);

    public Task ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return ContinueWithAsync(turn, DialogInput.FromActivity(turn.CommandText, turn.Activity.Value, Actor(turn)), cancellationToken);
    }

    /// <summary>The practitioner, as the dialog knows them.</summary>
    public static DialogActor Actor(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return new DialogActor(turn.ActorId, turn.PractitionerName);
    }

    /// <summary>
    /// Runs one dialog step for an input the host built (e.g. a request linked to an earlier record). The dialog's replies
    /// are sent directly (a lost one is re-created from the saved state by the practitioner's next message); a submission's
    /// reference, which nothing re-creates, is held as an outbox row committed with it (<see cref="TurnReplies.Hold"/>) and
    /// sent in-line after them. So an ordinary step writes nothing more than before.
    /// </summary>
    public async Task ContinueWithAsync(TurnContext turn, DialogInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var (result, followUps, held) = await unitOfWork.ExecuteAsync(ct => StepAsync(turn, input, ct), cancellationToken);
        if (held.Count > 0)
        {
            CrashAt("after-commit"); // the unit of work has woken the outbox; the held rows wait out their lease
        }

        try
        {
            foreach (var reply in result.Replies.Concat(followUps))
            {
                await replies.SendAsync(turn, reply.Text, reply.Card, cancellationToken);
            }
        }
        finally
        {
            await replies.SendHeldAsync(held, cancellationToken); // also when a reply above failed: the reference still leaves now
        }

        foreach (var effect in result.Effects.OfType<ListMyRequestsEffect>())
        {
            await replies.SendAsync(turn, await DescribeRequestsAsync(effect.Requester.ObjectId, cancellationToken), null, cancellationToken);
        }
    }

    private async Task<(DialogResult Result, IReadOnlyList<DialogReply> FollowUps, IReadOnlyList<OutboxMessageRow> Held)> StepAsync(TurnContext turn, DialogInput input, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var row = await drafts.FindAsync(turn.ConversationKey, ct);
        var state = row is not null && DialogStateJson.TryDeserialize(row.StateJson, out var loaded) ? loaded : null;
        var context = new DialogContext { Policy = policy, Now = now };
        var result = DialogEngine.Next(state, input, context);
        await SaveStateAsync(turn, row, result.State, now.UtcDateTime, ct);
        foreach (var change in DraftTransitions.Between(state, result.State, result.Effects, now, context.DialogVersion))
        {
            await audit.AppendAsync(turn.ActorId, change.Action, AuditActions.SubjectDraft, change.DraftId, change.Details, ct);
        }

        var submitted = new List<(Guid Id, string Text)>();
        foreach (var effect in result.Effects.OfType<SubmitRequestEffect>())
        {
            var (id, reference) = await SubmitAsync(turn, effect.Submission, now.UtcDateTime, ct);
            submitted.Add((id, SubmittedText(reference)));
        }

        foreach (var effect in result.Effects.OfType<RecordNotSharedEffect>())
        {
            submitted.Add(await safeguarding.RecordNotSharedAsync(turn, effect, now, ct)); // its reference, like a submission's, is held
        }

        var followUps = await safeguarding.ApplyAsync(turn, result.Effects, now, ct);
        if (submitted.Count == 0)
        {
            return (result, followUps, []);
        }

        var held = submitted.Select((s, order) => replies.Hold(turn, s.Id, s.Text, order)).ToList();
        CrashAt("before-commit");
        return (result, followUps, held);
    }

    private string SubmittedText(string reference) =>
        $"Submitted as **{reference}**. It has been sent to the approvers' channel for a decision; you will be told here when they decide. "
        + policy.Texts.Notes.WhileWaiting + " Type `my requests` to see its status.";

    private async Task SaveStateAsync(TurnContext turn, DialogStateRow? row, DialogState? state, DateTime now, CancellationToken ct)
    {
        if (row is null)
        {
            if (state is not null)
            {
                db.DialogStates.Add(new DialogStateRow
                {
                    ConversationKey = turn.ConversationKey,
                    UserAadObjectId = turn.ActorId,
                    DialogVersion = state.DialogVersion,
                    StateJson = DialogStateJson.Serialize(state),
                    Revision = 1,
                    UpdatedAt = now,
                    ExpiresAt = state.ExpiresAt.UtcDateTime,
                });
                await db.SaveChangesAsync(ct); // a concurrent first turn makes this a key violation: the unit of work re-runs
            }

            return;
        }

        var saved = state is null
            ? await drafts.DeleteAsync(row.ConversationKey, row.Revision, ct)
            : await drafts.UpdateAsync(row.ConversationKey, row.Revision, DialogStateJson.Serialize(state), state.DialogVersion, now, state.ExpiresAt.UtcDateTime, ct);
        if (!saved)
        {
            throw new DbUpdateConcurrencyException("another turn in this conversation saved first");
        }
    }

    private async Task<(Guid Id, string Reference)> SubmitAsync(TurnContext turn, RequestSubmission submission, DateTime now, CancellationToken ct)
    {
        var reference = await references.NextAsync(approvalOptions.CurrentValue.ReferencePrefix, now, ct);
        var id = Guid.CreateVersion7();
        var reviewDate = retention.ReviewDateFor(RequestKind, now);
        var summary = SubmissionRecord.Summary(submission, policy, reference);
        if (submission.Link is { Kind: not RecordLink.Advice } link)
        {
            summary = summary with { Warnings = [.. summary.Warnings, link.Describe()] };
        }

        var row = new InfoRequestRow
        {
            Id = id,
            Reference = reference,
            Kind = RequestKind,
            Status = SafeguardingStatus.FromDraft,
            RequesterAadObjectId = submission.Requester.ObjectId,
            RequesterUserId = turn.Activity.From?.Id,
            RequesterName = submission.Requester.DisplayName,
            RequesterConversationKey = turn.ConversationKey,
            CaseReference = submission.About.CaseReference,
            MatterType = submission.About.MatterTypeId,
            SubjectType = string.Join(',', submission.About.AllSubjectTypeIds),
            Urgency = submission.DeadlineId,
            Deadline = submission.DueByUtc?.UtcDateTime,
            PolicyVersion = submission.PolicyVersion,
            RequiresDpo = submission.Routing.DpoRequired,
            RequiresPreventLead = submission.Routing.PreventLeadRequired,
            AnswersJson = JsonSerializer.Serialize(submission, DialogJsonContext.Default.RequestSubmission),
            SummaryJson = JsonSerializer.Serialize(summary, ApprovalsJsonContext.Default.ApprovalSummary),
            DetailJson = JsonSerializer.Serialize(SubmissionRecord.Detail(submission, policy), ApprovalsJsonContext.Default.ApprovalDetail),
            CreatedAt = submission.CreatedAtUtc.UtcDateTime,
            SubmittedAt = now,
            RetentionClass = retention.ClassFor(RequestKind),
            ReviewDate = reviewDate,
            LinkedRequestId = submission.Link?.RecordId,
        };
        await approvals.CreateAsync(turn.Actor, row, new WorkflowCommand
        {
            Verb = StatusTable.Submit,
            AuditDetails = new JsonObject
            {
                ["policyVersion"] = submission.PolicyVersion,
                ["dialogVersion"] = submission.DialogVersion,
                ["requiresDpo"] = submission.Routing.DpoRequired,
                ["requiresPreventLead"] = submission.Routing.PreventLeadRequired,
                ["draftId"] = submission.DraftId,
                ["reviewDate"] = reviewDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["linkedTo"] = submission.Link?.Reference,
                ["linkKind"] = submission.Link?.Kind,
            },
        }, ct);
        return (id, reference);
    }

    private static void CrashAt(string point)
    {
        if (CrashPoints.IsEnabled(point))
        {
            CrashPoints.Write(point, null);
        }
    }

    private async Task<string> DescribeRequestsAsync(string requester, CancellationToken cancellationToken)
    {
        var mine = await db.Requests.AsNoTracking()
            .Where(r => r.RequesterAadObjectId == requester)
            .OrderByDescending(r => r.SubmittedAt)
            .Take(20)
            .ToListAsync(cancellationToken);
        var ids = mine.Select(r => r.Id).ToList();
        var marks = (await db.ApprovalActions.AsNoTracking()
                .Where(a => ids.Contains(a.RequestId) && (a.Action == ApprovalVerbs.MoreInfo || a.Action == RecordActionKinds.Answered || a.Action == RecordActionKinds.MoreInfoUnanswered))
                .OrderBy(a => a.Id).Select(a => new { a.RequestId, a.Action }).ToListAsync(cancellationToken))
            .ToLookup(a => a.RequestId, a => a.Action);
        if (mine.Count == 0)
        {
            return "You have no submitted requests yet. Type `new request` to start one.";
        }

        var text = new StringBuilder("**Your requests**\n\n");
        foreach (var r in mine)
        {
            text.Append("- **").Append(r.Reference).Append("** (").Append(r.Kind == RecordKinds.Advice ? "anonymised" : string.IsNullOrEmpty(r.CaseReference) ? "case not yet given" : "case " + r.CaseReference).Append("): ")
                .Append(RequestStanding.Title(r, marks[r.Id])).Append(", ").Append(r.SubmittedAt is null ? "started " : r.Kind == RecordKinds.NotShared ? "recorded " : "submitted ").Append(ApprovalCards.FormatUk(r.SubmittedAt ?? r.CreatedAt)).Append('\n');
        }

        return text.ToString();
    }
}
