package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    @TempDir
    Path dir;

    @Test
    void tailsLastLines() throws Exception {
        Path file = Files.writeString(dir.resolve("a.log"), "one\ntwo\nthree\n");

        assertThat(LogFiles.tail(file, 2)).isEqualTo("two\nthree\n");
        assertThat(LogFiles.tail(file, 3)).isEqualTo("one\ntwo\nthree\n");
        assertThat(LogFiles.tail(file, 10)).isEqualTo("one\ntwo\nthree\n");
        assertThat(LogFiles.tail(file, 0)).isEmpty();
    }

    @Test
    void handlesMissingTrailingNewlineAndEmptyFile() throws Exception {
        assertThat(LogFiles.tail(Files.writeString(dir.resolve("b.log"), "one\ntwo"), 1)).isEqualTo("two\n");
        assertThat(LogFiles.tail(Files.writeString(dir.resolve("c.log"), ""), 5)).isEmpty();
        assertThat(LogFiles.tail(dir.resolve("missing.log"), 5)).startsWith("(no log file");
    }

    @Test
    void tailsAcrossChunks() throws Exception {
        String content = IntStream.range(0, 5000).mapToObj(i -> "line " + i + " " + "x".repeat(i % 50))
                .collect(Collectors.joining("\n", "", "\n"));
        Path file = Files.writeString(dir.resolve("d.log"), content);

        String tail = LogFiles.tail(file, 1000);

        assertThat(tail.lines().count()).isEqualTo(1000);
        assertThat(tail).startsWith("line 4000 ").endsWith("line 4999 " + "x".repeat(4999 % 50) + "\n");
    }
}
