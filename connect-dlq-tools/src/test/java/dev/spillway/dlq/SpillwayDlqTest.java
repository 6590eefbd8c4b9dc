package dev.spillway.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.dlq.errors.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument errors: exit 2 and a one-line explanation (plus the --help hint), before any connection is tried. */
class SpillwayDlqTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SpillwayDlq.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String firstErrorLine() {
        return err.toString().lines().findFirst().orElse("");
    }

    @Test
    void noCommand() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).isEqualTo("spillway-dlq: Missing command: inspect, export or replay");
    }

    @Test
    void unknownCommand() {
        assertThat(run("purge")).isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).contains("Unmatched argument").contains("'purge'");
    }

    @Test
    void missingTopic() {
        assertThat(run("inspect", "--bootstrap-server", "127.0.0.1:1")).isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).isEqualTo("spillway-dlq inspect: Missing required option: '--topic=TOPIC'");
        assertThat(err.toString().lines()).hasSize(2).last().asString()
                .isEqualTo("Try 'spillway-dlq inspect --help' for more information.");
    }

    @Test
    void missingBootstrapServer() {
        assertThat(run("export", "--topic", "dlq")).isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).isEqualTo(
                "spillway-dlq export: Missing --bootstrap-server (or bootstrap.servers in --command-config)");
    }

    @Test
    void unreadableCommandConfig() {
        assertThat(run("inspect", "--topic", "dlq", "--command-config", "/nonexistent/client.properties"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).startsWith("spillway-dlq inspect: Cannot read --command-config");
    }

    @Test
    void badValues() {
        assertThat(run("export", "--topic", "d", "--bootstrap-server", "x:1", "--offsets", "9..3"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).contains("--offsets").contains("empty or negative");
        err.getBuffer().setLength(0);
        assertThat(run("export", "--topic", "d", "--bootstrap-server", "x:1", "--since", "yesterday"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).contains("is not a time");
        err.getBuffer().setLength(0);
        assertThat(run("replay", "--topic", "d", "--bootstrap-server", "x:1", "--timeout", "soon"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).contains("is not a duration");
        err.getBuffer().setLength(0);
        assertThat(run("replay", "--topic", "d", "--bootstrap-server", "x:1", "--error-headers", "rename"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).contains("--error-headers");
        err.getBuffer().setLength(0);
        assertThat(run("inspect", "--topic", "d", "--bootstrap-server", "x:1", "--message-regex", "(")).isEqualTo(2);
        assertThat(firstErrorLine()).contains("--message-regex");
        err.getBuffer().setLength(0);
        assertThat(run("inspect", "--topic", "d", "--bootstrap-server", "x:1", "--since", "2026-12-02",
                "--until", "2026-12-01")).isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).contains("must be before --until");
        err.getBuffer().setLength(0);
        assertThat(run("replay", "--topic", "d", "--bootstrap-server", "x:1", "--max-replays", "-1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).contains("--max-replays");
    }

    @Test
    void everyErrorIsOneLinePlusHint() {
        run("inspect", "--topic", "d", "--bootstrap-server", "x:1", "--show", "many");
        assertThat(err.toString().lines()).hasSize(2);
        assertThat(firstErrorLine()).contains("--show").contains("many");
    }

    @Test
    void helpAndVersion() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("inspect").contains("export").contains("replay").contains("Exit codes");
        assertThat(run("replay", "--help")).isZero();
        assertThat(out.toString()).contains("--keep-partition").contains("--dry-run").contains("--max-replays");
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("spillway-dlq");
    }

    @Test
    void aRefusedReplayTargetFailsBeforeAnyConnection() {
        assertThat(run("replay", "--bootstrap-server", "127.0.0.1:1", "--topic", "dlq", "--to", "__consumer_offsets"))
                .isEqualTo(ExitCodes.REFUSED);
        assertThat(firstErrorLine()).isEqualTo("spillway-dlq replay: --to __consumer_offsets is refused: internal topic"
                + " (name starts with '_')");
        err.getBuffer().setLength(0);
        assertThat(run("replay", "--bootstrap-server", "127.0.0.1:1", "--topic", "dlq", "--to", "connect-configs"))
                .isEqualTo(ExitCodes.REFUSED);
        assertThat(firstErrorLine()).isEqualTo("spillway-dlq replay: --to connect-configs is refused: matches"
                + " --exclude-topics");
        err.getBuffer().setLength(0);
        assertThat(run("replay", "--bootstrap-server", "127.0.0.1:1", "--topic", "dlq", "--to", "orders",
                "--allow-topics", "payments")).isEqualTo(ExitCodes.REFUSED);
        assertThat(firstErrorLine()).endsWith("--to orders is refused: does not match --allow-topics");
        err.getBuffer().setLength(0);
        // The dead-letter topic itself is refused like every other target, not a usage error: exit 3, no hint.
        assertThat(run("replay", "--bootstrap-server", "127.0.0.1:1", "--topic", "dlq", "--to", "dlq"))
                .isEqualTo(ExitCodes.REFUSED);
        assertThat(firstErrorLine()).isEqualTo("spillway-dlq replay: --to dlq is refused: the dead-letter topic"
                + " itself");
        assertThat(err.toString().lines()).hasSize(1);
        err.getBuffer().setLength(0);
        assertThat(run("replay", "--bootstrap-server", "127.0.0.1:1", "--topic", "dlq", "--allow-topics", "(oops"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).contains("--allow-topics");
    }

    @Test
    void replayHelpShowsTheTargetPolicy() {
        assertThat(run("replay", "--help")).isZero();
        assertThat(out.toString()).contains("--exclude-topics").contains("--allow-topics").contains("--skip-refused");
        // The help wraps long lines.
        assertThat(out.toString().replaceAll("\\s+", "")).contains(
                dev.spillway.dlq.replay.TargetPolicy.DEFAULT_EXCLUDE);
    }

    @Test
    void dashOIsTheFormatAndExportSaysSoInsteadOfWritingAFile() {
        assertThat(run("export", "--topic", "d", "--bootstrap-server", "x:1", "-o", "dead.jsonl"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).isEqualTo("spillway-dlq export: -o is short for --output (the output format of"
                + " inspect and replay); export always writes JSON Lines: use --output-file dead.jsonl");
        err.getBuffer().setLength(0);
        assertThat(run("inspect", "--topic", "d", "--bootstrap-server", "x:1", "-o", "yaml"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).contains("--output").contains("yaml");
    }

    @Test
    void clientPropertiesTheToolOwnsAreRefused() {
        assertThat(run("inspect", "--topic", "d", "--bootstrap-server", "x:1", "--consumer-property",
                "enable.auto.commit=true")).isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).isEqualTo("spillway-dlq inspect: --consumer-property enable.auto.commit: set by"
                + " spillway-dlq (only replay commits, inside its transactions)");
        err.getBuffer().setLength(0);
        assertThat(run("replay", "--topic", "d", "--bootstrap-server", "x:1", "--producer-property", "acks=1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).startsWith("spillway-dlq replay: --producer-property acks: set by spillway-dlq");
        err.getBuffer().setLength(0);
        assertThat(run("inspect", "--topic", "d", "--bootstrap-server", "x:1", "--consumer-property", "novalue"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).contains("--consumer-property");
    }

    @Test
    void clientPropertiesTheToolOwnsAreRefusedInTheCommandConfigToo(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("client.properties");
        Files.writeString(config, "security.protocol=SSL\nisolation.level=read_uncommitted\n");
        for (String command : new String[] {"inspect", "export", "replay"}) {
            err.getBuffer().setLength(0);
            assertThat(run(command, "--topic", "d", "--bootstrap-server", "x:1", "--command-config", config.toString()))
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(firstErrorLine()).isEqualTo("spillway-dlq " + command + ": --command-config " + config
                    + ": isolation.level: set by spillway-dlq (aborted records must never be shown or replayed);"
                    + " remove it from the file");
        }
        Files.writeString(config, "bootstrap.servers=x:1\ngroup.id=ops\n");
        err.getBuffer().setLength(0);
        assertThat(run("replay", "--topic", "d", "--command-config", config.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).isEqualTo("spillway-dlq replay: --command-config " + config
                + ": group.id: set by spillway-dlq (use replay's --group); remove it from the file");
    }
}
