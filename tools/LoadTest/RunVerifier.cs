using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace InfoSharing.Bot.LoadTest;

/// <summary>
/// After a run: waits for the outbox to drain, then reads the bot's database (SQLite file or PostgreSQL) and the fake
/// connector's record. Lost = acknowledged to the practitioner or approver but not stored; duplicated = stored or decided
/// twice, or a message the connector accepted twice; invisible = a delivery that ended failed/unknown without an audit
/// entry and a problem shown on the request's card.
/// </summary>
public sealed class RunVerifier(string? postgresConnectionString, string sqlitePath, FakeTeams teams, TextWriter log)
{
    public async Task<RunVerification> CheckAsync(
        IReadOnlyCollection<string> acknowledgedCases, IReadOnlyCollection<string> acknowledgedDecisions, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        await using var db = Open();
        await db.OpenAsync(cancellationToken);

        var until = DateTime.UtcNow + drainTimeout;
        while (await ScalarAsync(db, """SELECT COUNT(*) FROM outbox WHERE "Status" = 'pending' AND NOT ("Operation" <> 'postApprovalCard' AND "RequestId" IN (SELECT "Id" FROM requests WHERE "ApprovalActivityId" IS NULL))""", cancellationToken) > 0
               && DateTime.UtcNow < until)
        {
            await Task.Delay(250, cancellationToken);
        }

        var problems = new List<string>();
        var requests = new List<(Guid Id, string Case, string Status, string? Problem, bool CardKnown)>();
        await using (var reader = await ReadAsync(db, """SELECT "Id", "CaseReference", "Status", "DeliveryProblem", "ApprovalActivityId" FROM requests""", cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                requests.Add((AsGuid(reader.GetValue(0)), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), !reader.IsDBNull(4)));
            }
        }

        var byCase = requests.GroupBy(r => r.Case, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var lostSubmissions = acknowledgedCases.Count(c => !byCase.ContainsKey(c));
        var duplicateRequests = byCase.Count(kv => kv.Value > 1);
        var statusById = requests.ToDictionary(r => r.Id, r => r.Status);
        var lostDecisions = acknowledgedDecisions.Count(id => !Guid.TryParse(id, out var g) || statusById.GetValueOrDefault(g) != "approved");

        var decisions = new List<Guid>();
        await using (var reader = await ReadAsync(db, """SELECT "RequestId" FROM approval_actions WHERE "Action" IN ('approve', 'decline')""", cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                decisions.Add(AsGuid(reader.GetValue(0)));
            }
        }

        var doubleDecisions = decisions.GroupBy(d => d).Count(g => g.Count() > 1);

        var outbox = new Dictionary<string, int>(StringComparer.Ordinal);
        var ended = new List<(Guid? Request, string Operation, string Status)>();
        await using (var reader = await ReadAsync(db, """SELECT "RequestId", "Operation", "Status" FROM outbox""", cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var status = reader.GetString(2);
                var operation = reader.GetString(1);
                outbox[$"{operation} {status}"] = outbox.GetValueOrDefault($"{operation} {status}") + 1;
                ended.Add((reader.IsDBNull(0) ? null : AsGuid(reader.GetValue(0)), operation, status));
            }
        }

        var audited = new HashSet<Guid>();
        await using (var reader = await ReadAsync(db, """SELECT "SubjectId" FROM audit_entries WHERE "Action" IN ('delivery-failed', 'delivery-unknown')""", cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!reader.IsDBNull(0) && Guid.TryParse(reader.GetString(0), out var id))
                {
                    audited.Add(id);
                }
            }
        }

        var problemById = requests.ToDictionary(r => r.Id, r => r.Problem);
        var cardKnown = requests.ToDictionary(r => r.Id, r => r.CardKnown);
        var invisible = 0;
        foreach (var (request, operation, status) in ended)
        {
            var gaveUp = status is "failed" or "unknown";
            var stuck = status == "pending" && !(operation != "postApprovalCard" && request is { } r && !cardKnown.GetValueOrDefault(r));
            if ((gaveUp && (request is not { } id || !audited.Contains(id) || problemById.GetValueOrDefault(id) is null)) || stuck)
            {
                invisible++;
                if (invisible <= 5)
                {
                    problems.Add($"outbox {operation} for request {request} ended '{status}' without an audit entry and a problem on the card");
                }
            }
        }

        var duplicates = teams.Duplicates();
        foreach (var duplicate in duplicates.Take(5))
        {
            problems.Add($"accepted twice: {duplicate.Method} to {duplicate.ConversationId}: {Shorten(duplicate.Body.ToJsonString())}");
        }

        if (lostSubmissions > 0)
        {
            problems.Add($"{lostSubmissions} acknowledged submissions are not stored");
        }

        if (duplicateRequests > 0)
        {
            problems.Add($"{duplicateRequests} case references were stored more than once");
        }

        if (lostDecisions > 0)
        {
            problems.Add($"{lostDecisions} acknowledged approvals are not recorded as approved");
        }

        if (doubleDecisions > 0)
        {
            problems.Add($"{doubleDecisions} requests were decided more than once");
        }

        log.WriteLine($"verify: {requests.Count} requests, {decisions.Count} decisions, {ended.Count} outbox rows, {teams.Accepted.Count} messages accepted by the connector");
        return new RunVerification
        {
            Problems = problems,
            RequestsStored = requests.Count,
            Outbox = outbox,
            LostSubmissions = lostSubmissions,
            LostDecisions = lostDecisions,
            DuplicateRequests = duplicateRequests,
            DoubleDecisions = doubleDecisions,
            DuplicateMessages = duplicates.Count,
            InvisibleFailures = invisible,
        };
    }

    private DbConnection Open() => postgresConnectionString is { } cs
        ? new NpgsqlConnection(cs)
        : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, DefaultTimeout = 30 }.ToString());

    private static async Task<long> ScalarAsync(DbConnection db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<DbDataReader> ReadAsync(DbConnection db, string sql, CancellationToken cancellationToken)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteReaderAsync(System.Data.CommandBehavior.Default, cancellationToken);
    }

    private static Guid AsGuid(object value) => value is Guid g ? g : Guid.Parse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
