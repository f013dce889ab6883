package com.followup.reports.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.db.DatabaseMigrations;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.testing.PostgresServer;
import com.followup.core.testing.TestDatabase;
import com.followup.reports.FigureRow;
import com.followup.reports.IsoWeek;
import com.followup.reports.ReportArchive;
import com.followup.reports.ReportScope;
import com.followup.reports.ReportService;
import com.followup.reports.WeeklyFiguresQuery;
import com.followup.reports.WeeklyParameters;
import com.followup.reports.testing.ReportDataGenerator;
import io.dropwizard.jackson.Jackson;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.Test;

/**
 * The weekly report on a million touches and more: the time to produce it (SQL, CSV, PDF, archive) beside the bare
 * SQL it needs, and the heap while it runs. Not part of the normal test run (the name does not end in Test); run it
 * with the command in docs/benchmarks.md. {@code -Dbenchmark.interviews} sets the size.
 */
class WeeklyReportBenchmark {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W47");
    private static final int RUNS = 5;

    @Test
    void weeklyReportOnAMillionTouches() throws Exception {
        int interviews = Integer.getInteger("benchmark.interviews", 240_000);
        // The JVM's test PostgreSQL (embedded, or FOLLOWUP_TEST_DATABASE_URL); it goes away with the JVM.
        TestDatabase database = PostgresServer.get().createDatabase("report_benchmark", Optional.empty());
        try (Connection connection = database.connect()) {
            DatabaseMigrations.migrate(connection);
        }
        long loadStart = System.nanoTime();
        ReportDataGenerator.Generated generated;
        try (Connection connection = database.connect()) {
            // A year of interviews; the report reads its week and the seven before for the trend.
            generated = new ReportDataGenerator(
                            47L,
                            new ReportDataGenerator.Size(
                                    40,
                                    20_000,
                                    800,
                                    interviews,
                                    WEEK.minusWeeks(51).start(ZONE),
                                    WEEK.end(ZONE)))
                    .insert(connection);
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        Jdbi jdbi = Jdbi.create(database::connect);
        jdbi.installPlugin(new PostgresPlugin());
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
        ObjectMapper json = Jackson.newObjectMapper();
        ReportService reports = new ReportService(
                jdbi,
                new JdbiPolicyStore(jdbi, json, ZONE, clock, ChangeFeed.notListening()),
                clock,
                json,
                ZONE,
                "Benchmark Agency");
        AgencyPolicy policy = AgencyPolicy.defaults(ZONE);
        WeeklyParameters parameters =
                new WeeklyParameters(WEEK, ReportScope.AGENCY, clock.instant(), ZONE, "Benchmark Agency", 8);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();

        // Warm up both paths once.
        List<FigureRow> rows = jdbi.withHandle(handle -> WeeklyFiguresQuery.run(handle, parameters, policy));
        reports.produce(WEEK, ReportScope.AGENCY, Optional.empty(), ReportArchive.Via.COMMAND);

        Measured sql =
                measure(memory, () -> jdbi.withHandle(handle -> WeeklyFiguresQuery.run(handle, parameters, policy))
                        .size());
        Measured report = measure(memory, () -> {
            ReportArchive.Entry entry =
                    reports.produce(WEEK, ReportScope.AGENCY, Optional.empty(), ReportArchive.Via.COMMAND);
            return entry.files().stream().mapToInt(ReportArchive.FileInfo::size).sum();
        });

        long weekInterviews = rows.stream()
                .filter(row -> row.week().equals(WEEK.toString())
                        && row.dimension().name().equals("AGENCY"))
                .mapToLong(FigureRow::interviews)
                .sum();
        long touchesInDatabase = jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM touches")
                .mapTo(Long.class)
                .one());
        System.out.printf(
                "%nWEEKLY REPORT BENCHMARK%n"
                        + "touches in database: %,d (interviews %,d; loaded with COPY in %.1f s)%n"
                        + "report week %s: %,d interviews, %,d figure rows (8-week trend included)%n"
                        + "bare SQL     median %,d ms  (runs %s)%n"
                        + "full report  median %,d ms  (runs %s; SQL + CSV + PDF + archive, %,d bytes)%n"
                        + "ratio        %.2f%n"
                        + "heap used: baseline %,d MB after GC; peak during SQL %,d MB; peak during report %,d MB;"
                        + " max heap %,d MB%n",
                touchesInDatabase,
                generated.interviews(),
                loadSeconds,
                WEEK,
                weekInterviews,
                rows.size(),
                sql.median(),
                sql.runs(),
                report.median(),
                report.runs(),
                report.lastResult(),
                (double) report.median() / sql.median(),
                baseline >> 20,
                sql.peakHeap() >> 20,
                report.peakHeap() >> 20,
                memory.getHeapMemoryUsage().getMax() >> 20);
        assertThat(touchesInDatabase).isGreaterThanOrEqualTo(Long.getLong("benchmark.minimumTouches", 1_000_000));
    }

    private record Measured(long median, List<Long> runs, long peakHeap, long lastResult) {}

    private static Measured measure(MemoryMXBean memory, Supplier<Integer> work) throws InterruptedException {
        List<Long> runs = new ArrayList<>();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        System.gc();
        sampler.start();
        long result = 0;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            result = work.get();
            runs.add((System.nanoTime() - start) / 1_000_000);
        }
        sampler.interrupt();
        sampler.join();
        List<Long> sorted = new ArrayList<>(runs);
        Collections.sort(sorted);
        return new Measured(sorted.get(sorted.size() / 2), runs, peak.get(), result);
    }
}
