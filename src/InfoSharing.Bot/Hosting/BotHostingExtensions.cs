namespace InfoSharing.Bot.Hosting;

/// <summary>The composition root: what the host is made of, in the order a turn uses it.</summary>
public static class BotHostingExtensions
{
    public static WebApplicationBuilder AddInfoSharingBot(this WebApplicationBuilder builder)
    {
        return builder;
    }

    public static WebApplication MapInfoSharingBot(this WebApplication app)
    {
        return app;
    }
}
