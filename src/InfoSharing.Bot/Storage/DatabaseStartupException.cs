namespace InfoSharing.Bot.Storage;

/// <summary>The database cannot be used at start-up (unreachable, or migrations pending); the message says which and what to do.</summary>
public sealed class DatabaseStartupException : Exception
{
    public DatabaseStartupException()
        : this("The database cannot be used.")
    {
    }

    public DatabaseStartupException(string message)
        : base(message)
    {
    }

    public DatabaseStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
