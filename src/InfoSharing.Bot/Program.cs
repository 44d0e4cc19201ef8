using InfoSharing.Bot.Hosting;

return await BotHost.RunAsync(args);
