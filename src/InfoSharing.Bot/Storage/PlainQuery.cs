using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// One plain SELECT on the hot path of a turn, on the context's connection and inside its current transaction. EF's
/// per-call LINQ work (parameter extraction, query-cache lookup) was the largest part of a turn's database time
/// (bench/README.md), and a compiled query cannot serve both providers' models.
/// </summary>
public static class PlainQuery
{
    private static readonly IReadOnlyDictionary<string, object> NoParameters = new Dictionary<string, object>();

    /// <summary>Reads the first row of <paramref name="sql"/> with <paramref name="read"/>, or returns null when there is none.</summary>
    public static Task<T?> FirstOrNullAsync<T>(this BotDbContext db, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class => db.FirstOrNullAsync(sql, null, read, cancellationToken);

    /// <summary>As above, with named parameters (<c>@name</c> in <paramref name="sql"/>).</summary>
    public static async Task<T?> FirstOrNullAsync<T>(this BotDbContext db, string sql, IReadOnlyDictionary<string, object>? parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(read);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            foreach (var (name, value) in parameters ?? NoParameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? read(reader) : null;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
