using System.Text.Json;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.TabsBench;

/// <summary>
/// Writes N decision records as the bot stores them (the columns the tabs filter on, a channel summary with purposes, the
/// answers' purpose ids), spread over the last twelve weeks: most decided, some pending, some emergency records, with
/// approver actions. Fixed random seed, so two runs see the same data.
/// </summary>
public static class RecordSeeder
{
    private static readonly string[] MatterTypes = ["safeguarding-child", "safeguarding-adult", "prevent", "channel-panel"];
    private static readonly (string Id, string Title)[] Purposes =
    [
        ("child-protection-referral", "Child protection referral"), ("child-in-need-early-help", "Child in need or early help"),
        ("prevent-referral", "Prevent referral"), ("adult-safeguarding-enquiry", "Adult safeguarding enquiry"),
    ];

    public static async Task SeedAsync(BotDbContext db, int count, DateTime now, CancellationToken cancellationToken)
    {
        var random = new Random(15);
        for (var start = 0; start < count; start += 1000)
        {
            for (var i = start; i < Math.Min(count, start + 1000); i++)
            {
                var submitted = now.AddMinutes(-random.Next(1, 12 * 7 * 24 * 60));
                var kind = i % 25 == 0 ? RecordKinds.Emergency : RecordKinds.Request;
                var purpose = Purposes[random.Next(Purposes.Length)];
                var roll = random.Next(100);
                var status = kind == RecordKinds.Emergency ? (roll < 30 ? SafeguardingStatus.RecordDue : SafeguardingStatus.Acknowledged)
                    : roll < 5 ? RequestStatus.Pending : roll < 8 ? RequestStatus.MoreInfoRequested : roll < 80 ? RequestStatus.Approved : RequestStatus.Declined;
                var decided = RequestStatus.IsDecided(status) ? submitted.AddHours(random.Next(1, 96)) : (DateTime?)null;
                if (decided > now)
                {
                    decided = now;
                }

                var reference = $"ISR-2026-{i + 1:00000}";
                var row = new InfoRequestRow
                {
                    Id = Guid.CreateVersion7(),
                    Reference = reference,
                    Kind = kind,
                    Status = status,
                    RequesterAadObjectId = $"aaaaaaaa-0000-0000-0000-{random.Next(1, 60):000000000000}",
                    RequesterName = $"Practitioner {random.Next(1, 60)}",
                    CaseReference = $"CS-{100000 + i}",
                    MatterType = MatterTypes[random.Next(MatterTypes.Length)],
                    Urgency = "routine",
                    Deadline = submitted.AddHours(roll < 20 ? 24 : 72),
                    PolicyVersion = "2026.12.2",
                    AnswersJson = $"{{\"why\":{{\"purposeIds\":[\"{purpose.Id}\"]}}}}",
                    SummaryJson = JsonSerializer.Serialize(new ApprovalSummary
                    {
                        Reference = reference, CaseReference = $"CS-{100000 + i}", MatterType = "Safeguarding", Urgency = "Routine", RequesterName = "Practitioner",
                        Categories = [], RecipientType = "Children's social care", Purposes = [purpose.Title], LegalBasis = "Public task", ConsentStatus = "Not sought",
                        Warnings = [], PolicyVersion = "2026.12.2",
                    }, ApprovalsJsonContext.Default.ApprovalSummary),
                    DetailJson = "{\"sections\":[]}",
                    CreatedAt = submitted.AddMinutes(-15),
                    SubmittedAt = submitted,
                    DecidedAt = decided,
                    Decision = RequestStatus.IsDecided(status) ? status : null,
                    DecidedByName = decided is null ? null : "Arnold Approver",
                    DecidedByAadObjectId = decided is null ? null : "aaaaaaaa-0000-0000-0000-000000000002",
                    OutcomeRecordedAt = status == RequestStatus.Approved && roll < 60 ? decided?.AddHours(5) : null,
                    RetentionClass = "safeguarding-information-sharing",
                    ReviewDate = submitted.AddYears(6),
                };
                db.Requests.Add(row);
                if (decided is { } at)
                {
                    db.ApprovalActions.Add(new ApprovalActionRow
                    {
                        RequestId = row.Id, ActorAadObjectId = "aaaaaaaa-0000-0000-0000-000000000002", ActorName = "Arnold Approver", ActorRole = "Approver",
                        Action = status == RequestStatus.Approved ? ApprovalVerbs.Approve : ApprovalVerbs.Decline, At = at,
                        ReasonCode = status == RequestStatus.Declined ? "not-necessary" : null,
                    });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
