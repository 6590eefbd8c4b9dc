package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsFirstMatchingValueAndRetriesErrors() {
        AtomicInteger calls = new AtomicInteger();

        int value = Await.until("three calls", Duration.ofSeconds(5), () -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                throw new IOException("not yet");
            }
            return call;
        }, call -> call >= 3);

        assertThat(value).isEqualTo(3);
    }

    @Test
    void timeoutNamesConditionAndLastObservation() {
        assertThatThrownBy(() -> Await.until("the impossible", Duration.ofMillis(300), () -> 7, v -> v > 10))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("waiting for the impossible")
                .hasMessageContaining("last value: 7");

        assertThatThrownBy(() -> Await.until("a flaky probe", Duration.ofMillis(300), () -> {
            throw new IOException("refused");
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("last error: java.io.IOException: refused")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void errorsFailFast() {
        AtomicInteger calls = new AtomicInteger();
        long started = System.nanoTime();

        assertThatThrownBy(() -> Await.until("never", Duration.ofSeconds(30), () -> {
            calls.incrementAndGet();
            throw new AssertionError("task FAILED");
        })).hasMessage("task FAILED");

        assertThat(calls).hasValue(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void pauseSleepsAboutTheRequestedTime() {
        long started = System.nanoTime();
        Await.pause(Duration.ofMillis(450));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }
}
