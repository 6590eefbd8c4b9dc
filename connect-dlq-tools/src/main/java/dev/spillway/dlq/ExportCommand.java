package dev.spillway.dlq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.errors.ExitCodes;
import dev.spillway.dlq.filter.RecordFilter;
import dev.spillway.dlq.kafka.ClientSettings;
import dev.spillway.dlq.kafka.DeadLetterReader;
import dev.spillway.dlq.kafka.Topics;
import dev.spillway.dlq.render.Progress;
import dev.spillway.dlq.render.RecordJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spillway-dlq export}: matching dead letters as JSON Lines, to stdout or a file. A file is written beside
 * its target and moved into place only when the export succeeded, so a failed export leaves nothing behind.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write dead-letter records as JSON Lines: key, value (utf8 or base64), headers, timestamps,"
                + " dead-letter coordinates and the decoded error context with the original coordinates.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:runtime failure (broker unreachable, timeout, I/O)", "2:bad command line",
            "3:unknown topic, not a dead-letter topic, or corrupt error headers",
            "4:the filters matched no record (an empty file is still written)"})
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--output-file", paramLabel = "FILE",
            description = "Write to FILE instead of stdout (replaced only when the export succeeds).")
    Path outputFile;

    /**
     * {@code -o} was once short for {@code --output-file} here, while {@code --output} is the format elsewhere.
     * It now means only the format, which export does not take: a script still passing {@code -o FILE} gets a
     * clear error rather than a silent change of meaning.
     */
    @Option(names = "-o", paramLabel = "FILE", hidden = true)
    String formerOutputFile;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Stop after N matching records; 0: no limit (default).")
    long limit;

    @Option(names = "--stacktrace-lines", paramLabel = "N", defaultValue = "0",
            description = "Cut stack traces to N lines; 0 keeps them whole (default).")
    int stackTraceLines;

    @Mixin
    ProgressOptions progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (formerOutputFile != null) {
            throw CommandException.usage("-o is short for --output (the output format of inspect and replay);"
                    + " export always writes JSON Lines: use --output-file " + formerOutputFile);
        }
        if (limit < 0 || stackTraceLines < 0) {
            throw CommandException.usage("--limit and --stacktrace-lines must be >= 0");
        }
        ClientSettings settings = connection.settings();
        RecordFilter filter = selection.filter();
        int partitions;
        try (Topics topics = new Topics(settings)) {
            partitions = topics.partitions(selection.topic());
        }
        selection.checkPartitions(partitions);

        Path temporary = null;
        Writer writer;
        if (outputFile == null) {
            writer = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
        } else {
            Path absolute = outputFile.toAbsolutePath();
            if (Files.isDirectory(absolute)) {
                throw CommandException.usage("--output-file " + outputFile + " is a directory");
            }
            Path parent = absolute.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw CommandException.usage("--output-file " + outputFile + ": directory " + parent
                        + " does not exist");
            }
            temporary = Files.createTempFile(parent, "." + absolute.getFileName() + ".", ".partial");
            writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
        }

        ObjectWriter json = new ObjectMapper().writer();
        long[] exported = {0};
        boolean done = false;
        try (DeadLetterReader reader = new DeadLetterReader(settings, selection.topic(), partitions,
                selection.partitions(), selection.fromOffset(), selection.toOffset(), selection.since())) {
            // Records written to stdout may be on the terminal: no bar over them there.
            Progress progress = progressOptions.start(spec.commandLine().getErr(), "export", reader.expected(),
                    false, outputFile != null);
            Writer lines = writer;
            reader.read(letter -> {
                if (!filter.matches(letter)) {
                    return true;
                }
                try {
                    lines.write(json.writeValueAsString(RecordJson.toJson(letter, stackTraceLines)));
                    lines.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                exported[0]++;
                return limit == 0 || exported[0] < limit;
            }, consumed -> progress.update(consumed, exported[0]));
            progress.finish();
            writer.flush();
            done = true;
        } catch (UncheckedIOException e) {
            throw new CommandException(ExitCodes.FAILURE, "Cannot write the export: " + e.getCause().getMessage(), e);
        } finally {
            if (temporary != null) {
                writer.close();
                if (done) {
                    Files.move(temporary, outputFile.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(temporary);
                }
            }
        }
        if (outputFile != null && progressOptions.informational()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("Exported " + exported[0] + " record(s) from " + selection.topic() + " to " + outputFile);
            err.flush();
        }
        return exported[0] == 0 && filter.isRestrictive() ? ExitCodes.NOTHING_MATCHED : ExitCodes.OK;
    }
}
