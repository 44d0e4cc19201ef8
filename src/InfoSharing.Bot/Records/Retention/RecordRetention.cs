using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Records.Retention;

/// <summary>The retention class and review date of a record of a given type (<c>Records:Retention:&lt;type&gt;</c>).</summary>
public sealed class RecordRetention(IOptionsMonitor<RecordsOptions> options)
{
    public string ClassFor(string kind) => options.CurrentValue.RetentionFor(kind).ClassOr(kind);

    /// <summary>When a record of this type, created or decided at <paramref name="from"/>, is due for review.</summary>
    public DateTime ReviewDateFor(string kind, DateTime from) => from + options.CurrentValue.RetentionFor(kind).ReviewAfter;
}
