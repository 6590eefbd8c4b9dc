package dev.spillway.dlq;

import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.errors.ExitCodes;
import dev.spillway.dlq.render.Printable;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code spillway-dlq}: inspect, export and replay Kafka Connect (and Kafka Streams) dead-letter topics.
 * Read-only, except {@code replay} without {@code --dry-run}. Exit codes: see {@link ExitCodes}.
 */
@Command(name = "spillway-dlq", mixinStandardHelpOptions = true, versionProvider = SpillwayDlq.Version.class,
        description = "Inspect, export and replay dead-letter topics of Kafka Connect, Kafka Streams and"
                + " Spillway's Guard transform. Read-only unless 'replay' runs without --dry-run.",
        subcommands = {InspectCommand.class, ExportCommand.class, ReplayCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:runtime failure (broker unreachable, timeout, I/O)", "2:bad command line",
            "3:input refused: unknown topic, not a dead-letter topic, corrupt error headers, loop guard",
            "4:the filters matched no record",
            "5:replay --skip-refused: all but the refused records were replayed"})
public final class SpillwayDlq implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out,
                StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with the given streams and returns its exit code; never calls {@code System.exit}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new SpillwayDlq())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(SpillwayDlq::usageError)
                .setExecutionExceptionHandler((error, command, parsed) -> failure(error, command));
        return commandLine.execute(args);
    }

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: inspect, export or replay");
    }

    private static int usageError(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(qualifiedName(command) + ": " + error.getMessage());
        err.println("Try '" + qualifiedName(command) + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int failure(Exception error, CommandLine command) {
        PrintWriter err = command.getErr();
        if (error instanceof CommandException commandError) {
            // Messages quote names and values from dead letters: one line, no terminal escapes.
            err.println(qualifiedName(command) + ": " + Printable.escape(commandError.getMessage()));
            err.flush();
            return commandError.exitCode();
        }
        if (error instanceof ParameterException parameterError) {
            return usageError(parameterError, new String[0]);
        }
        err.println(qualifiedName(command) + ": unexpected error: " + Printable.escape(String.valueOf(error)));
        error.printStackTrace(err);
        err.flush();
        return ExitCodes.FAILURE;
    }

    private static String qualifiedName(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    /** The version from the jar manifest (Implementation-Version). */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SpillwayDlq.class.getPackage().getImplementationVersion();
            return new String[] {"spillway-dlq " + (version == null ? "(development build)" : version)};
        }
    }
}
