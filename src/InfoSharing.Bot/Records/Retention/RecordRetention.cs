using InfoSharing.Bot.Workflow;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Records.Retention;

/// <summary>The retention class and review date of a record of a given type (<c>Records:Retention:&lt;type&gt;</c>).</summary>
public sealed class RecordRetention(IOptionsMonitor<RecordsOptions> options) : IRetentionSchedule
{
    public string ClassFor(string kind) => options.CurrentValue.RetentionFor(kind).ClassOr(kind);

    /// <inheritdoc />
    public DateTime ReviewDateFor(string kind, DateTime from) => from + options.CurrentValue.RetentionFor(kind).ReviewAfter;
}
