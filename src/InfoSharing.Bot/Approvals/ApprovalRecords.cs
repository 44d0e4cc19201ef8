using System.Text.Json;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Approvals;

/// <summary>Reads a request and its approver actions into what the approval card shows.</summary>
public sealed class ApprovalRecords(BotDbContext db, PolicyDocument policy)
{
    public Task<InfoRequestRow?> FindAsync(Guid requestId, CancellationToken cancellationToken) =>
        db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);

    public Task<List<ApprovalActionRow>> ActionsAsync(Guid requestId, CancellationToken cancellationToken) =>
        db.ApprovalActions.AsNoTracking().Where(a => a.RequestId == requestId).OrderBy(a => a.Id).ToListAsync(cancellationToken);

    public async Task<ApprovalCardModel> ModelAsync(InfoRequestRow request, IReadOnlyList<string>? refreshUserIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actions = await ActionsAsync(request.Id, cancellationToken);
        return Model(request, actions, refreshUserIds ?? [], policy);
    }

    public static ApprovalCardModel Model(InfoRequestRow request, IReadOnlyList<ApprovalActionRow> actions, IReadOnlyList<string> refreshUserIds, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(policy);
        var reasons = policy.Lists.DeclineReasons;
        var decision = actions.LastOrDefault(a => a.Action is ApprovalVerbs.Approve or ApprovalVerbs.Decline);
        return new ApprovalCardModel
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
        };
    }

    public static ApprovalSummary Summary(InfoRequestRow request) =>
        JsonSerializer.Deserialize(request.SummaryJson, ApprovalsJsonContext.Default.ApprovalSummary)
        ?? throw new InvalidOperationException($"request {request.Reference} has no summary");

    public static ApprovalDetail Detail(InfoRequestRow request) =>
        JsonSerializer.Deserialize(request.DetailJson, ApprovalsJsonContext.Default.ApprovalDetail) ?? new ApprovalDetail { Sections = [] };
}

