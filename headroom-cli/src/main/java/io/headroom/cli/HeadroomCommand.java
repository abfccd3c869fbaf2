package io.headroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code headroom}: the one entry point. Each subcommand is a class of its own in this package. */
@Command(
        name = "headroom",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Performance and scalability toolkit: the Data Lake Explorer, load tests and analysis.",
        subcommands = {
            ServeCommand.class,
            GenerateCommand.class,
            LoadCommand.class,
            AnalyzeCommand.class,
            AdviseQueriesCommand.class,
            MergeCommand.class,
            AdviseCommand.class,
            CommandLine.HelpCommand.class
        })
public final class HeadroomCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        ConsoleLogging.configure();
        System.exit(commandLine().execute(args));
    }

    /** Usage errors exit 2 with a one-line message; no stack traces for the user. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new HeadroomCommand());
        cli.setExitCodeExceptionMapper(e -> 2);
        // An unexpected failure is reported in one line too; the cause class helps a bug report.
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("headroom " + cmd.getCommandName() + ": unexpected error: " + e);
            return 1;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("headroom: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return 2;
        });
        return cli;
    }
}
