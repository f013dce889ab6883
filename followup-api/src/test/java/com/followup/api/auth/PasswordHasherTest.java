package com.followup.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.problem.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private static final String HASH = new PasswordHasher().hash("correct horse battery");

    @Test
    void hashingBeyondItsSlotsWaitsBrieflyThenAnswersBusy() throws Exception {
        // One slot and a 20 ms wait: of 12 checks at once, the first runs and those that cannot start within the wait
        // are refused with 503 SERVER_BUSY and Retry-After, instead of each taking 19 MiB at the same time.
        PasswordHasher hasher = new PasswordHasher(1, Duration.ofMillis(20));
        AtomicInteger busy = new AtomicInteger();
        List<Callable<Boolean>> checks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            checks.add(() -> {
                try {
                    return hasher.matches("correct horse battery", HASH);
                } catch (ProblemException e) {
                    assertThat(e.problem().code()).isEqualTo("SERVER_BUSY");
                    assertThat(e.getResponse().getStatus()).isEqualTo(503);
                    assertThat(e.getResponse().getHeaderString("Retry-After")).isEqualTo("1");
                    busy.incrementAndGet();
                    return null;
                }
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(12);
        int matched = 0;
        try {
            for (Future<Boolean> result : threads.invokeAll(checks)) {
                if (Boolean.TRUE.equals(result.get())) {
                    matched++;
                }
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(matched).isGreaterThanOrEqualTo(1);
        assertThat(busy.get()).isGreaterThanOrEqualTo(1);
        assertThat(matched + busy.get()).isEqualTo(12);
    }
}
