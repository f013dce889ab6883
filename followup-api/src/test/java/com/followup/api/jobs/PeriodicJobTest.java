package com.followup.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.Test;

/** A stopping server interrupts a running pass and shuts its executor down, in the order Dropwizard stops them. */
class PeriodicJobTest {
    @Test
    void stoppingTheLifecycleInterruptsARunningPassAndEndsTheExecutor() throws Exception {
        LifecycleEnvironment lifecycle = new LifecycleEnvironment(new MetricRegistry());
        ScheduledExecutorService executor = lifecycle
                .scheduledExecutorService("test-job-%d", true)
                .threads(1)
                .build();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        lifecycle.manage(new PeriodicJob(
                "A pass that waits for ever",
                executor,
                () -> {
                    running.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                },
                Duration.ZERO,
                Duration.ofMinutes(1)));
        List<LifeCycle> managed = lifecycle.getManagedObjects();
        for (LifeCycle each : managed) {
            each.start();
        }
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        // Jetty stops the managed objects in the reverse order of their registration: the job, then the executor.
        long stopping = System.nanoTime();
        for (int i = managed.size() - 1; i >= 0; i--) {
            managed.get(i).stop();
        }
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.isTerminated()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aFailedPassDoesNotEndTheSchedule() throws Exception {
        LifecycleEnvironment lifecycle = new LifecycleEnvironment(new MetricRegistry());
        ScheduledExecutorService executor = lifecycle
                .scheduledExecutorService("test-job-%d", true)
                .threads(1)
                .build();
        CountDownLatch passes = new CountDownLatch(3);
        PeriodicJob job = new PeriodicJob(
                "A pass that fails",
                executor,
                () -> {
                    passes.countDown();
                    throw new IllegalStateException("fails on purpose");
                },
                Duration.ZERO,
                Duration.ofMillis(10));
        job.start();
        try {
            assertThat(passes.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            job.stop();
            executor.shutdownNow();
        }
    }
}
