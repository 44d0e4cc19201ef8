using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace InfoSharing.Bot.Bench;

/// <summary>
/// The approvers: each posted approval card is approved by the DPO and then the Prevent lead (the sample request routes
/// to both), each an <c>adaptiveCard/action</c> invoke answered synchronously with the updated card.
/// </summary>
public sealed class Approver(BotClient bot, LoopbackChannel channel, LoadRun run)
{
    public static readonly (string UserId, string Aad) Dpo = ("29:bench-dpo", "cccccccc-0000-0000-0000-000000000001");
    public static readonly (string UserId, string Aad) PreventLead = ("29:bench-prevent-lead", "cccccccc-0000-0000-0000-000000000002");
    public static readonly (string UserId, string Aad) Registrar = ("29:bench-approver", "cccccccc-0000-0000-0000-000000000003");

    private static long _activity;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var card in channel.Cards.Reader.ReadAllAsync(cancellationToken))
        {
            if (await ApproveAsync(card, Dpo, cancellationToken) && await ApproveAsync(card, PreventLead, cancellationToken))
            {
                Interlocked.Increment(ref run.RequestsApproved);
            }
        }
    }

    private async Task<bool> ApproveAsync(PostedCard card, (string UserId, string Aad) who, CancellationToken cancellationToken)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"invoke-{Interlocked.Increment(ref _activity)}");
        var activity = Activities.ApprovalInvoke(channel.ServiceUrl, id, who.UserId, who.Aad, card, "approve");
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (status, body) = await bot.PostAsync(activity, cancellationToken);
            var ended = Stopwatch.GetTimestamp();
            if (status != HttpStatusCode.OK)
            {
                run.Error($"invoke answered HTTP {(int)status}");
                return false;
            }

            using var doc = JsonDocument.Parse(body);
            var statusCode = doc.RootElement.GetProperty("statusCode").GetInt32();
            var type = doc.RootElement.GetProperty("type").GetString();
            if (statusCode != 200 || type != "application/vnd.microsoft.card.adaptive")
            {
                run.Error($"invoke answered {statusCode} {type}");
                return false;
            }

            run.Invoke(started, ended);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            run.Error($"invoke failed: {ex.GetType().Name}");
            return false;
        }
    }
}
