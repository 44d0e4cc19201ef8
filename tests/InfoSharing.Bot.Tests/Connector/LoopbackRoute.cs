using System.Diagnostics.CodeAnalysis;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

/// <summary>A scripted route of <see cref="LoopbackConnector"/>: queued responses used once each, or one used for every call.</summary>
public sealed class LoopbackRoute
{
    private readonly Lock gate = new();
    private readonly Queue<LoopbackResponse> queued = new();
    private readonly Func<LoopbackRequest, bool> matches;
    private LoopbackResponse? always;
    private int callCount;

    internal LoopbackRoute(string description, Func<LoopbackRequest, bool> matches)
    {
        Description = description;
        this.matches = matches;
    }

    public string Description { get; }

    /// <summary>Calls this route answered.</summary>
    public int CallCount => Volatile.Read(ref callCount);

    /// <summary>Responses still queued (those of <see cref="RespondAlways"/> are not counted).</summary>
    public int Remaining
    {
        get
        {
            lock (gate)
            {
                return queued.Count;
            }
        }
    }

    /// <summary>Queues responses, each used for exactly one call in order. Once they run out, a further call is unexpected.</summary>
    public LoopbackRoute Respond(params LoopbackResponse[] responses)
    {
        lock (gate)
        {
            foreach (var response in responses)
            {
                queued.Enqueue(response);
            }
        }

        return this;
    }

    /// <summary>Answers every call (after any queued responses) with <paramref name="response"/>.</summary>
    public LoopbackRoute RespondAlways(LoopbackResponse response)
    {
        lock (gate)
        {
            always = response;
        }

        return this;
    }

    internal bool TryTake(LoopbackRequest request, [NotNullWhen(true)] out LoopbackResponse? response)
    {
        response = null;
        if (!matches(request))
        {
            return false;
        }

        lock (gate)
        {
            if (queued.TryDequeue(out var next))
            {
                response = next;
            }
            else if (always is not null)
            {
                response = always;
            }
            else
            {
                return false;
            }
        }

        Interlocked.Increment(ref callCount);
        return true;
    }
}
