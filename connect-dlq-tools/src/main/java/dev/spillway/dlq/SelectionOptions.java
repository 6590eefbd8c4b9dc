package dev.spillway.dlq;

import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.filter.OffsetRange;
import dev.spillway.dlq.filter.RecordFilter;
import dev.spillway.dlq.filter.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Which dead-letter records a command works on: the topic and every filter, declared once for all commands. */
public final class SelectionOptions {

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The dead-letter topic.")
    String topic;

    @Option(names = "--partition", paramLabel = "N", split = ",",
            description = "Only these partitions of the dead-letter topic (repeatable or comma separated).")
    List<Integer> partitions = new ArrayList<>();

    @Option(names = "--offsets", paramLabel = "FROM..TO", converter = OffsetRangeConverter.class,
            description = "Only these offsets of the dead-letter topic, both inclusive, in every partition:"
                    + " FROM..TO, FROM.. or ..TO.")
    OffsetRange offsets;

    @Option(names = "--original-topic", paramLabel = "TOPIC", split = ",",
            description = "Only records that failed on these original topics (from the error headers).")
    List<String> originalTopics = new ArrayList<>();

    @Option(names = "--connector", paramLabel = "NAME", split = ",",
            description = "Only records of these connectors.")
    List<String> connectors = new ArrayList<>();

    @Option(names = "--exception-class", paramLabel = "CLASS", split = ",",
            description = "Only records that failed with these exceptions (fully qualified or simple class name).")
    List<String> exceptionClasses = new ArrayList<>();

    @Option(names = "--message-regex", paramLabel = "REGEX",
            description = "Only records whose exception message contains a match of this Java regular expression.")
    Pattern messageRegex;

    @Option(names = "--since", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Only records with a timestamp at or after TIME (ISO-8601, a UTC date, or epoch ms).")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Only records with a timestamp before TIME.")
    Instant until;

    public String topic() {
        return topic;
    }

    public List<Integer> partitions() {
        return List.copyOf(partitions);
    }

    public OffsetRange offsets() {
        return offsets;
    }

    public Instant since() {
        return since;
    }

    public long fromOffset() {
        return offsets == null ? 0 : offsets.from();
    }

    public long toOffset() {
        return offsets == null ? Long.MAX_VALUE : offsets.to();
    }

    public RecordFilter filter() {
        try {
            return RecordFilter.of(originalTopics, connectors, exceptionClasses, messageRegex, since, until, offsets);
        } catch (IllegalArgumentException e) {
            throw CommandException.usage(e.getMessage());
        }
    }

    /** Checks the partitions exist, once the topic's partition count is known. */
    public void checkPartitions(int partitionCount) {
        for (int partition : partitions) {
            if (partition < 0 || partition >= partitionCount) {
                throw CommandException.usage("--partition " + partition + " does not exist: topic '" + topic
                        + "' has " + partitionCount + " partition(s)");
            }
        }
    }

    /** A stable description of the selection, for naming replay's consumer group. */
    String describe() {
        return topic + "|" + partitions + "|" + offsets + "|" + originalTopics + "|" + connectors + "|"
                + exceptionClasses + "|" + (messageRegex == null ? "" : messageRegex.pattern()) + "|" + since
                + "|" + until;
    }

    public static final class OffsetRangeConverter implements ITypeConverter<OffsetRange> {
        @Override
        public OffsetRange convert(String value) {
            try {
                return OffsetRange.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Timestamps.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
