namespace InfoSharing.Bot.Storage;

/// <summary>Another delivery of the same activity took this turn's redelivery claim over: this one must not commit.</summary>
public sealed class TurnClaimLostException : Exception
{
    public TurnClaimLostException()
    {
    }

    public TurnClaimLostException(string key)
        : base($"The redelivery claim {key} is held by another delivery.")
    {
    }

    public TurnClaimLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
