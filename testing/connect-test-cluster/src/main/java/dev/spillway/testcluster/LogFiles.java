package dev.spillway.testcluster;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the end of log files without loading whole files. */
final class LogFiles {

    private static final int CHUNK = 8192;

    private LogFiles() {
    }

    /** The last {@code lines} lines of {@code file}, or an explanation if it cannot be read. */
    static String tail(Path file, int lines) {
        if (lines <= 0) {
            return "";
        }
        if (!Files.isRegularFile(file)) {
            return "(no log file " + file + ")\n";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = length;
            int newlines = 0;
            byte[] buffer = new byte[CHUNK];
            scan:
            while (start > 0) {
                int size = (int) Math.min(CHUNK, start);
                start -= size;
                in.seek(start);
                in.readFully(buffer, 0, size);
                for (int i = size - 1; i >= 0; i--) {
                    // A trailing newline ends the last line; it does not start another one.
                    if (buffer[i] == '\n' && start + i != length - 1) {
                        if (++newlines == lines) {
                            start += i + 1;
                            break scan;
                        }
                    }
                }
            }
            byte[] tail = new byte[(int) (length - start)];
            in.seek(start);
            in.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8);
            return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")\n";
        }
    }
}
