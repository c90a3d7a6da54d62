using NeedToKnow.Cli;

return NtkApp.Run(args, CliOutput.Console);
