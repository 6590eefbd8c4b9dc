package dev.spillway.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.connect.common.rate.RateLimiter;
import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.errors.ExitCodes;
import dev.spillway.dlq.filter.RecordFilter;
import dev.spillway.dlq.kafka.ClientSettings;
import dev.spillway.dlq.kafka.Topics;
import dev.spillway.dlq.render.Printable;
import dev.spillway.dlq.render.Progress;
import dev.spillway.dlq.replay.ErrorHeaderPolicy;
import dev.spillway.dlq.replay.ReplayPlan;
import dev.spillway.dlq.replay.ReplayRewriter;
import dev.spillway.dlq.replay.TargetPolicy;
import dev.spillway.dlq.replay.TransactionalReplay;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spillway-dlq replay}: re-produce selected dead letters, exactly once, resumably. See
 * {@link TransactionalReplay} for the design.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-produce selected dead-letter records to their original topic (or --to), exactly once:"
                + " records and progress commit in one transaction, so an interrupted replay resumes where it"
                + " stopped when run again with the same selection (or --group).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done: every selected record replayed (or would be with --dry-run), or nothing left to"
                + " replay: earlier runs with the same group (the same command) went through the selection",
            "1:runtime failure (broker unreachable, timeout, fenced); committed progress stands, run again",
            "2:bad command line",
            "3:refused before writing: unknown topic, not a dead-letter topic, corrupt headers, no original"
                + " topic/partition, a refused target (internal, excluded, not allowed, the dead-letter topic"
                + " itself, an illegal name) without --skip-refused, or the --max-replays loop guard",
            "4:the filters matched no record, and no earlier run with the group had gone through any of the"
                + " selection",
            "5:--skip-refused: every other selected record was replayed; the refused ones were not and stay in"
                + " the dead-letter topic"})
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--to", paramLabel = "TOPIC",
            description = "Replay every record to TOPIC instead of its original topic (from the error headers).")
    String to;

    @Option(names = "--keep-partition",
            description = "Produce to the original partition (Connect's dead letter queue loses it).")
    boolean keepPartition;

    @Option(names = "--error-headers", paramLabel = "strip|keep", defaultValue = "strip",
            description = "Drop the error-context headers (strip, default) or keep the latest under"
                    + " --error-header-prefix (keep).")
    ErrorHeaderPolicy errorHeaders;

    @Option(names = "--error-header-prefix", paramLabel = "PREFIX", defaultValue = ReplayRewriter.DEFAULT_PREFIX,
            description = "Prefix of kept error headers (default: ${DEFAULT-VALUE}).")
    String errorHeaderPrefix;

    @Option(names = "--max-replays", paramLabel = "N", defaultValue = "3",
            description = "Loop guard: refuse to replay records already replayed N times (default: ${DEFAULT-VALUE}).")
    int maxReplays;

    @Option(names = "--force", description = "Replay records beyond --max-replays anyway.")
    boolean force;

    @Option(names = "--exclude-topics", paramLabel = "REGEX", defaultValue = TargetPolicy.DEFAULT_EXCLUDE,
            description = "Never replay to topics that fully match this Java regular expression (default:"
                    + " ${DEFAULT-VALUE}: Connect's config/offset/status topics, MirrorMaker 2's and Kafka Streams'"
                    + " internal topics). Giving it replaces the default; '' excludes nothing more. Internal topics"
                    + " (names starting with '_'), the dead-letter topic itself and illegal names are always"
                    + " refused.")
    Pattern excludeTopics;

    @Option(names = "--allow-topics", paramLabel = "REGEX",
            description = "Only replay to topics that fully match this Java regular expression; records for other"
                    + " targets are refused.")
    Pattern allowTopics;

    @Option(names = "--skip-refused",
            description = "Replay the other records when some targets are refused, instead of refusing the whole"
                    + " run (exit 3). The refused records are reported, stay in the dead-letter topic, and the"
                    + " replay's progress moves past them; the exit code is then 5.")
    boolean skipRefused;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
            description = "A producer setting, over --command-config's; repeatable (e.g. compression.type=zstd).")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Read and check everything, print what would be replayed, write nothing.")
    boolean dryRun;

    @Option(names = "--rate", paramLabel = "RECORDS_PER_SECOND", defaultValue = "0",
            description = "Produce at most this many records a second; 0: no limit (default).")
    double rate;

    @Option(names = "--group", paramLabel = "GROUP_ID",
            description = "Consumer group holding replay progress (default: spillway-dlq-replay-<topic>-<hash of"
                    + " the selection and target>, so the same command resumes).")
    String group;

    @Option(names = "--transactional-id", paramLabel = "ID",
            description = "Transactional id of the producer (default: the group id).")
    String transactionalId;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: a JSON document with the counts.")
    OutputFormat output;

    @Mixin
    ProgressOptions progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (maxReplays < 0 || rate < 0) {
            throw CommandException.usage("--max-replays and --rate must be >= 0");
        }
        if (to != null && to.isBlank()) {
            throw CommandException.usage("--to needs a topic name");
        }
        // Every refused --to, the dead-letter topic itself included, is a refusal (exit 3), not a usage error.
        TargetPolicy policy = new TargetPolicy(selection.topic(), excludeTopics, allowTopics);
        if (to != null) {
            policy.refusal(to).ifPresent(reason -> {
                throw CommandException.refused("--to " + to + " is refused: " + reason.text());
            });
        }
        ClientSettings settings = connection.settings().withProducerOverrides(
                ClientSettings.overrides("--producer-property", producerProperties, true));
        RecordFilter filter = selection.filter();
        ReplayRewriter rewriter = new ReplayRewriter(to, keepPartition, errorHeaders, errorHeaderPrefix);
        String groupId = group != null ? group : defaultGroup();
        String txId = transactionalId != null ? transactionalId : groupId;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        try (Topics topics = new Topics(settings)) {
            int partitionCount = topics.partitions(selection.topic());
            selection.checkPartitions(partitionCount);
            List<Integer> partitions = new ArrayList<>(selection.partitions());
            if (partitions.isEmpty()) {
                for (int p = 0; p < partitionCount; p++) {
                    partitions.add(p);
                }
            }
            if (to != null) {
                topics.partitions(to);
            }
            // Fewer records per poll under a rate limit, so each transaction stays well inside its timeout.
            int maxPollRecords = rate > 0 ? (int) Math.max(1, Math.min(2000, rate)) : 2000;
            try (TransactionalReplay replay = new TransactionalReplay(settings, selection.topic(), partitions,
                    selection.fromOffset(), selection.toOffset(), groupId, dryRun ? null : txId, filter, rewriter,
                    policy, maxPollRecords)) {
                Progress checking = progressOptions.start(err, "check ", replay.remaining(),
                        output == OutputFormat.JSON, true);
                ReplayPlan plan = replay.plan(force ? -1 : maxReplays, done -> checking.update(done, 0));
                checking.finish();
                checkTargets(topics, plan);
                if (plan.refused() > 0 && (!skipRefused || plan.selected() == 0)) {
                    report(out, groupId, plan, 0, false);
                    if (skipRefused) {
                        throw CommandException.refused("All " + plan.refused() + " selected record(s) have a"
                                + " refused target (listed above); nothing to replay");
                    }
                    throw CommandException.refused(plan.refused() + " selected record(s) have a refused target"
                            + " (listed above); nothing was replayed. Replay them elsewhere with --to, select the"
                            + " others (--original-topic, --offsets), or replay the others with --skip-refused");
                }
                if (plan.selected() == 0) {
                    report(out, groupId, plan, 0, true);
                    return nothingSelected(plan.resumedPast(), plan.examined(), filter.isRestrictive());
                }
                if (dryRun) {
                    report(out, groupId, plan, 0, true);
                    return plan.refused() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
                }
                CountDownLatch finished = new CountDownLatch(1);
                try {
                    long produced = runWithStopHook(replay, plan, err, finished);
                    report(out, groupId, plan, produced, produced == plan.selected());
                    if (produced != plan.selected()) {
                        return ExitCodes.FAILURE;
                    }
                    return plan.refused() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
                } finally {
                    finished.countDown();
                }
            }
        }
    }

    /**
     * The exit code of a run that found nothing to replay (and nothing refused) in the range left to it.
     *
     * @param resumedPast offsets of the selection the group's committed progress had already passed: the group only
     *                    commits when a run replays, so an earlier run replayed the selection's records there and a
     *                    script running the same command again until it exits 0 must get 0, not 4
     * @param examined    records read in the range left to this run
     * @param restrictive whether filters were given: without them, an empty range is just an empty topic
     */
    static int nothingSelected(long resumedPast, long examined, boolean restrictive) {
        if (resumedPast > 0) {
            return ExitCodes.OK;
        }
        return restrictive || examined > 0 ? ExitCodes.NOTHING_MATCHED : ExitCodes.OK;
    }

    /**
     * @param finished counted down by the caller once the result is reported: a Ctrl-C / SIGTERM hook waits for it
     */
    private long runWithStopHook(TransactionalReplay replay, ReplayPlan plan, PrintWriter err,
                                 CountDownLatch finished) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        // Ctrl-C / SIGTERM: finish the open transaction, then stop; the committed progress is exact.
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spillway-dlq-replay-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Progress progress = progressOptions.start(err, "replay", plan.selected(), output == OutputFormat.JSON,
                    true);
            long produced = replay.replay(new RateLimiter(rate), stop, done -> progress.update(done, done));
            progress.finish();
            if (stop.get()) {
                err.println("Stopped after " + produced + " record(s); run the same command again to resume.");
                err.flush();
            }
            return produced;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it sees 'finished' and lets the JVM exit.
            }
        }
    }

    private void checkTargets(Topics topics, ReplayPlan plan) {
        if (plan.byTarget().isEmpty()) {
            return;
        }
        // Sorted, so that an error about missing targets names the same ones on every run.
        Map<String, Integer> partitionCounts = topics.describe(plan.byTarget().keySet().stream().sorted().toList());
        plan.highestPartition().forEach((topic, highest) -> {
            int count = partitionCounts.get(topic);
            if (highest >= count) {
                throw CommandException.refused("--keep-partition: records came from partition " + highest + " of '"
                        + topic + "', which has only " + count + " partition(s) now");
            }
        });
    }

    private void report(PrintWriter out, String groupId, ReplayPlan plan, long produced, boolean complete) {
        if (output == OutputFormat.JSON) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("topic", selection.topic());
            node.put("group", groupId);
            node.put("dryRun", dryRun);
            node.put("resumedPast", plan.resumedPast());
            node.put("examined", plan.examined());
            node.put("selected", plan.selected());
            node.put("replayed", produced);
            node.put("complete", complete);
            ObjectNode targets = node.putObject("byTarget");
            plan.byTarget().forEach(targets::put);
            node.put("refused", plan.refused());
            ArrayNode refused = node.putArray("refusedTargets");
            plan.refusedTargets().forEach(target -> refused.addObject().put("topic", target.shownName())
                    .put("reason", target.reason().text()).put("records", target.records()));
            node.put("refusedUnlisted", plan.refusedUnlisted());
            try {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.println((dryRun ? "Dry run: would replay " : "Replayed ") + (dryRun ? plan.selected() : produced)
                    + " of " + plan.examined() + " record(s) examined in " + selection.topic() + " (group " + groupId
                    + ")");
            plan.byTarget().forEach((topic, count) -> out.println("  " + count + " -> " + Printable.escape(topic)
                    + (keepPartition ? " (original partitions)" : "")));
            if (plan.selected() == 0 && plan.refused() == 0 && plan.resumedPast() > 0) {
                out.println("Nothing left to replay: earlier runs with group " + groupId + " already went past "
                        + plan.resumedPast() + " offset(s) of the selection, and no record after them is selected");
            }
            if (plan.refused() > 0) {
                out.println("Refused " + plan.refused() + " record(s), left in " + selection.topic()
                        + (skipRefused ? " (--skip-refused)" : "") + ":");
                plan.refusedTargets().forEach(target -> out.println("  " + target.records() + " -> "
                        + target.shownName() + "  REFUSED: " + target.reason().text()));
                if (plan.refusedUnlisted() > 0) {
                    out.println("  " + plan.refusedUnlisted() + " -> (other targets, not listed)  REFUSED");
                }
            }
        }
        out.flush();
    }

    /** Same selection and target, same group: running the same command again resumes it. */
    private String defaultGroup() throws NoSuchAlgorithmException {
        String key = selection.describe() + "|" + to + "|" + keepPartition;
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        return "spillway-dlq-replay-" + selection.topic() + "-" + HexFormat.of().formatHex(digest, 0, 4);
    }
}
