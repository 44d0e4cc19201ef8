using System.Text.Json;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Approvals;

/// <summary>Reads a request and its approver actions into what the approval card shows.</summary>
public sealed class ApprovalRecords(BotDbContext db, PolicyDocument policy, ApproverDirectory directory)
{
    public Task<InfoRequestRow?> FindAsync(Guid requestId, CancellationToken cancellationToken) =>
        db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);

    public Task<List<ApprovalActionRow>> ActionsAsync(Guid requestId, CancellationToken cancellationToken) =>
        db.ApprovalActions.AsNoTracking().Where(a => a.RequestId == requestId).OrderBy(a => a.Id).ToListAsync(cancellationToken);

    public async Task<ApprovalCardModel> ModelAsync(InfoRequestRow request, IReadOnlyList<string>? refreshUserIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actions = await ActionsAsync(request.Id, cancellationToken);
        var candidates = RequestStatus.IsDecided(request.Status) ? null : await directory.CandidatesAsync(cancellationToken);
        return Model(request, actions, refreshUserIds ?? [], policy, candidates);
    }

    /// <summary>The card's model; with <paramref name="candidates"/> (who may be asked to decide), also whom Reassign offers.</summary>
    public static ApprovalCardModel Model(InfoRequestRow request, IReadOnlyList<ApprovalActionRow> actions, IReadOnlyList<string> refreshUserIds, PolicyDocument policy,
        IReadOnlyList<Candidate>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(policy);
        var reasons = policy.Lists.DeclineReasons;
        var decision = actions.LastOrDefault(a => a.Action is ApprovalVerbs.Approve or ApprovalVerbs.Decline or RecordActionKinds.ApprovedInPart);
        var submission = SafeguardingRecords.Submission(request);
        return WithInPartChoices(new ApprovalCardModel
        {
            RequestId = request.Id,
            Summary = Summary(request),
            Status = request.Status,
            History = [.. actions.Select(a => new ApprovalActionView(a.ActorName ?? "someone", RecordActionKinds.Title(a.Action), a.At, DeclineReasons.Title(reasons, a.ReasonCode), a.Conditions))],
            DecidedBy = request.DecidedByName,
            DecidedAtUtc = request.DecidedAt,
            DecisionReasonTitle = DeclineReasons.Title(reasons, decision?.ReasonCode),
            Conditions = decision?.Conditions,
            DeliveryProblem = request.DeliveryProblem,
            QuestionUnanswered = RecordActionKinds.QuestionUnanswered(actions.Select(a => a.Action)),
            RefreshUserIds = refreshUserIds,
            DeclineReasons = reasons,
            NoDecider = actions.LastOrDefault()?.Action == RecordActionKinds.NoDecider,
            ReassignChoices = candidates is null ? [] : ReassignChoices(ApprovalService.Snapshot(request, actions) with { Candidates = candidates }),
        }, submission, policy);
    }

    /// <summary>What "approve in part" offers to untick: the submission's categories and recipient, as the policy titles them.</summary>
    public static ApprovalCardModel WithInPartChoices(ApprovalCardModel model, Dialog.RequestSubmission? submission, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(policy);
        if (submission is null)
        {
            return model;
        }

        var recipient = submission.WithWhom.RecipientTypeId;
        return model with
        {
            InPartCategories = [.. submission.What.CategoryIds.Select(id => new ChoiceOption(id, policy.Lists.DataCategories.FirstOrDefault(c => c.Id == id)?.Title ?? id))],
            InPartRecipients = [new ChoiceOption(recipient, policy.Lists.RecipientTypes.FirstOrDefault(r => r.Id == recipient)?.Title ?? recipient)],
        };
    }

    /// <summary>The roles and people a request may be handed to: only those who may decide it, and not away.</summary>
    public static IReadOnlyList<ChoiceItem> ReassignChoices(RecordSnapshot request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var roles = new[] { ApproverKind.Dpo, ApproverKind.PreventLead }
            .Select(role => Deciders.RolePrefix + role)
            .Where(role => Deciders.WhyNotReassign(request, role) is null)
            .Select(role => new ChoiceItem { Id = role, Title = char.ToUpperInvariant(Deciders.Describe(request, role)[0]) + Deciders.Describe(request, role)[1..] });
        var people = (Deciders.Who(request) ?? []).Select(c => new ChoiceItem
        {
            Id = Deciders.PersonPrefix + c.ObjectId,
            Title = c.CoversFor is { } away ? $"{c.Name} (covering for {request.Candidates!.FirstOrDefault(a => a.ObjectId == away)?.Name ?? "an away approver"})" : c.Name,
        });
        return [.. roles, .. people];
    }

    public static ApprovalSummary Summary(InfoRequestRow request) =>
        JsonSerializer.Deserialize(request.SummaryJson, ApprovalsJsonContext.Default.ApprovalSummary)
        ?? throw new InvalidOperationException($"request {request.Reference} has no summary");

    public static ApprovalDetail Detail(InfoRequestRow request) =>
        JsonSerializer.Deserialize(request.DetailJson, ApprovalsJsonContext.Default.ApprovalDetail) ?? new ApprovalDetail { Sections = [] };
}

