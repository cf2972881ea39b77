using Ayumi;

return await CommandLine.RunAsync(args);

/// <summary>The entry point, public so that tests can host the application.</summary>
public partial class Program;
