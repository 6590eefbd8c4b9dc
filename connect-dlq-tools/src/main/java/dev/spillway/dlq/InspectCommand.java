package dev.spillway.dlq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.errors.ExitCodes;
import dev.spillway.dlq.filter.RecordFilter;
import dev.spillway.dlq.kafka.ClientSettings;
import dev.spillway.dlq.kafka.DeadLetter;
import dev.spillway.dlq.kafka.DeadLetterReader;
import dev.spillway.dlq.kafka.Topics;
import dev.spillway.dlq.render.Progress;
import dev.spillway.dlq.render.RecordJson;
import dev.spillway.dlq.render.RecordText;
import dev.spillway.dlq.render.Summary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spillway-dlq inspect}: a summary of a dead-letter topic and, with {@code --show N}, decoded records. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Summarise a dead-letter topic: counts by original topic, connector, stage, exception and"
                + " message, first/last timestamps and offsets; --show N prints records with decoded error context.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:runtime failure (broker unreachable, timeout, I/O)", "2:bad command line",
            "3:unknown topic, not a dead-letter topic, or corrupt error headers",
            "4:the filters matched no record"})
public final class InspectCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--show", paramLabel = "N", defaultValue = "0",
            description = "Also print the first N matching records (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Entries shown per category in the summary (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--stacktrace-lines", paramLabel = "N", defaultValue = "12",
            description = "Lines of each stack trace shown by --show; 0 hides them (default: ${DEFAULT-VALUE}).")
    int stackTraceLines;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one JSON document with the summary and the shown records.")
    OutputFormat output;

    @Mixin
    ProgressOptions progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (show < 0 || top < 1 || stackTraceLines < 0) {
            throw CommandException.usage("--show and --stacktrace-lines must be >= 0 and --top >= 1");
        }
        ClientSettings settings = connection.settings();
        RecordFilter filter = selection.filter();
        PrintWriter out = spec.commandLine().getOut();
        Summary summary = new Summary(selection.topic());
        List<DeadLetter> shown = new ArrayList<>();
        int partitions;
        try (Topics topics = new Topics(settings)) {
            partitions = topics.partitions(selection.topic());
        }
        selection.checkPartitions(partitions);
        try (DeadLetterReader reader = new DeadLetterReader(settings, selection.topic(), partitions,
                selection.partitions(), selection.fromOffset(), selection.toOffset(), selection.since())) {
            Progress progress = progressOptions.start(spec.commandLine().getErr(), "inspect", reader.expected(),
                    output == OutputFormat.JSON, true);
            reader.read(letter -> {
                if (filter.matches(letter)) {
                    summary.add(letter);
                    if (shown.size() < show) {
                        shown.add(letter);
                    }
                }
                return true;
            }, done -> progress.update(done, summary.count()));
            progress.finish();
        }
        if (output == OutputFormat.JSON) {
            ObjectNode document = summary.toJson();
            ArrayNode records = document.putArray("shown");
            shown.forEach(letter -> records.add(RecordJson.toJson(letter, stackTraceLines)));
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } else {
            out.print(summary.toText(top));
            if (!shown.isEmpty()) {
                out.println();
                shown.forEach(letter -> out.print(RecordText.render(letter, stackTraceLines)));
            }
        }
        out.flush();
        return summary.count() == 0 && filter.isRestrictive() ? ExitCodes.NOTHING_MATCHED : ExitCodes.OK;
    }
}
