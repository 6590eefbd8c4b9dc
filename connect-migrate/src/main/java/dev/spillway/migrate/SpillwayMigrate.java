package dev.spillway.migrate;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spillway-migrate}: move a connector from another project to Spillway's, positions included. */
@Command(name = "spillway-migrate", mixinStandardHelpOptions = true, versionProvider = SpillwayMigrate.Version.class,
        description = "Move a connector to Spillway's through the Connect REST API, carrying its offsets over.",
        subcommands = {JdbcCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:bad command line", "3:refused: the connector cannot be carried over exactly,"
            + " or the worker refused a call (nothing is left half done unless the message says so)"})
public final class SpillwayMigrate implements Runnable {

    static final int REFUSED = 3;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** Runs one command line and returns its exit code; never calls System.exit. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new SpillwayMigrate()).setOut(out).setErr(err)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler((error, command, parsed) -> {
                if (error instanceof MigrationRefused) {
                    command.getErr().println("spillway-migrate: " + error.getMessage());
                    return REFUSED;
                }
                throw error;
            })
            .execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: jdbc");
    }

    /** The version from the jar's manifest, as spillway-dlq reports its own. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SpillwayMigrate.class.getPackage().getImplementationVersion();
            return new String[] {"spillway-migrate " + (version == null ? "(development build)" : version)};
        }
    }
}
