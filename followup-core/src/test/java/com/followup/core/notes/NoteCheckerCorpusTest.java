package com.followup.core.notes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Measures the note checker (R14 to R17) on a labelled corpus of notes written for this test
 * ({@code labelled-notes.txt}): for each finding code, precision (of the notes given the finding, the share that
 * should have it) and recall (of the notes that should have it, the share given it), counted per note. Writes the
 * table to {@code target/notes-checker-corpus.md} and fails when a figure falls below the floor reached when the
 * checker was last tuned ({@code docs/notes-checker.md} has the table).
 */
class NoteCheckerCorpusTest {
    private static final NoteChecker CHECKER = NoteChecker.create();

    /**
     * The floors: {precision, recall} per code on the whole corpus, as measured on 30 Nov 2026 (truncated to two
     * decimals); raise them when the checker improves, never lower them to let a change through.
     */
    static final Map<FindingCode, double[]> FLOORS = floors();

    private static Map<FindingCode, double[]> floors() {
        Map<FindingCode, double[]> floors = new EnumMap<>(FindingCode.class);
        floors.put(FindingCode.R14_MISSING_THANKS, new double[] {1.00, 1.00});
        floors.put(FindingCode.R14_MISSING_INTEREST, new double[] {0.76, 1.00});
        floors.put(FindingCode.R14_INTEREST_NEGATED, new double[] {0.93, 0.87});
        floors.put(FindingCode.R14_MISSING_SPECIFIC, new double[] {1.00, 0.93});
        floors.put(FindingCode.R15_LONG, new double[] {1.00, 1.00});
        floors.put(FindingCode.R15_TOO_LONG, new double[] {1.00, 1.00});
        floors.put(FindingCode.R16_NEAR_COPY, new double[] {1.00, 1.00});
        floors.put(FindingCode.R16_STOCK_TEMPLATE, new double[] {1.00, 0.91});
        floors.put(FindingCode.R16_TEMPLATE_PLACEHOLDER, new double[] {1.00, 1.00});
        floors.put(FindingCode.R17_TEXT_SPEAK, new double[] {1.00, 0.94});
        floors.put(FindingCode.R17_MISSPELLING, new double[] {1.00, 0.93});
        return floors;
    }

    record Context(NoteRecipient recipient, String company, String role, String debrief) {}

    record LabelledNote(String id, String context, Set<FindingCode> expected, Optional<String> other, String text) {}

    record Corpus(Map<String, Context> contexts, Map<String, LabelledNote> notes) {}

    /** Counts for one code: true positives, false positives, false negatives, and the notes in error. */
    static final class Tally {
        int count;
        int truePositives;
        int falsePositives;
        int falseNegatives;
        final List<String> misses = new ArrayList<>();

        double precision() {
            int given = truePositives + falsePositives;
            return given == 0 ? 1 : (double) truePositives / given;
        }

        double recall() {
            int expected = truePositives + falseNegatives;
            return expected == 0 ? 1 : (double) truePositives / expected;
        }
    }

    @Test
    @DisplayName("R14 R15 R16 R17 precision and recall per finding on the labelled corpus stay at their floors")
    void corpus() throws IOException {
        Corpus corpus = load();
        assertThat(corpus.notes()).hasSizeGreaterThanOrEqualTo(100);

        Map<FindingCode, Tally> tallies = tally(corpus, note -> true);
        Map<FindingCode, Tally> heldOut = tally(corpus, note -> note.id().startsWith("h"));

        String report = report("All " + corpus.notes().size() + " notes", tallies)
                + "\n"
                + report(
                        "Held out: the " + heldOut.values().iterator().next().count + " notes labelled after tuning",
                        heldOut);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("notes-checker-corpus.md"), report, UTF_8);
        System.out.println(report);

        for (Map.Entry<FindingCode, Tally> entry : tallies.entrySet()) {
            double[] floor = FLOORS.get(entry.getKey());
            assertThat(entry.getValue().precision())
                    .as("precision of %s (%s)", entry.getKey(), entry.getValue().misses)
                    .isGreaterThanOrEqualTo(floor[0]);
            assertThat(entry.getValue().recall())
                    .as("recall of %s (%s)", entry.getKey(), entry.getValue().misses)
                    .isGreaterThanOrEqualTo(floor[1]);
        }
    }

    @Test
    @DisplayName("R14 the corpus's contexts and labels are well formed: every note names a known context and code")
    void corpusIsWellFormed() throws IOException {
        Corpus corpus = load();
        for (LabelledNote note : corpus.notes().values()) {
            assertThat(corpus.contexts()).as(note.id()).containsKey(note.context());
            note.other()
                    .ifPresent(other -> assertThat(corpus.notes()).as(note.id()).containsKey(other));
            assertThat(note.text()).as(note.id()).isNotBlank();
        }
        Map<String, Long> perKind = corpus.notes().keySet().stream()
                .collect(Collectors.groupingBy(id -> id.substring(0, 1), Collectors.counting()));
        // good, stock, negated, text-speak, misspelt, too long, near-copies: at least five of each.
        for (String kind : List.of("g", "s", "n", "t", "m", "l", "c")) {
            assertThat(perKind.getOrDefault(kind, 0L)).as(kind).isGreaterThanOrEqualTo(5);
        }
    }

    private static Map<FindingCode, Tally> tally(Corpus corpus, Predicate<LabelledNote> which) {
        Map<FindingCode, Tally> tallies = new EnumMap<>(FindingCode.class);
        for (FindingCode code : FLOORS.keySet()) {
            tallies.put(code, new Tally());
        }
        for (LabelledNote note : corpus.notes().values()) {
            if (!which.test(note)) {
                continue;
            }
            Set<FindingCode> found = codes(CHECKER.check(draft(corpus, note)));
            for (Map.Entry<FindingCode, Tally> entry : tallies.entrySet()) {
                FindingCode code = entry.getKey();
                Tally tally = entry.getValue();
                tally.count++;
                boolean expected = note.expected().contains(code);
                boolean given = found.contains(code);
                if (expected && given) {
                    tally.truePositives++;
                } else if (given) {
                    tally.falsePositives++;
                    tally.misses.add(note.id() + " (given, not expected)");
                } else if (expected) {
                    tally.falseNegatives++;
                    tally.misses.add(note.id() + " (expected, not given)");
                }
            }
        }
        return tallies;
    }

    private static Set<FindingCode> codes(NoteCheck check) {
        Set<FindingCode> codes = EnumSet.noneOf(FindingCode.class);
        check.findings().forEach(finding -> codes.add(finding.code()));
        return codes;
    }

    static NoteDraft draft(Corpus corpus, LabelledNote note) {
        Context context = corpus.contexts().get(note.context());
        List<OtherNote> others = new ArrayList<>();
        note.other().ifPresent(id -> {
            LabelledNote other = corpus.notes().get(id);
            others.add(new OtherNote(corpus.contexts().get(other.context()).recipient(), other.text()));
        });
        return NoteDraft.of(note.text(), context.recipient())
                .withCompany(context.company())
                .withRole(context.role())
                .withDebrief(context.debrief())
                .withOtherNotes(others);
    }

    private static String report(String title, Map<FindingCode, Tally> tallies) {
        StringBuilder report = new StringBuilder();
        report.append("Note checker on the labelled corpus. ").append(title).append("\n\n");
        report.append("| code | rule | expected | given | correct | precision | recall | notes in error |\n");
        report.append("|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<FindingCode, Tally> entry : tallies.entrySet()) {
            Tally tally = entry.getValue();
            report.append(String.format(
                    Locale.ROOT,
                    "| `%s` | %s | %d | %d | %d | %.2f | %.2f | %s |%n",
                    entry.getKey(),
                    entry.getKey().rule(),
                    tally.truePositives + tally.falseNegatives,
                    tally.truePositives + tally.falsePositives,
                    tally.truePositives,
                    tally.precision(),
                    tally.recall(),
                    String.join(", ", tally.misses)));
        }
        return report.toString();
    }

    static Corpus load() throws IOException {
        String content;
        try (InputStream stream = Objects.requireNonNull(
                NoteCheckerCorpusTest.class.getResourceAsStream("labelled-notes.txt"), "labelled-notes.txt")) {
            content = new String(stream.readAllBytes(), UTF_8);
        }
        Map<String, Context> contexts = new LinkedHashMap<>();
        Map<String, LabelledNote> notes = new LinkedHashMap<>();
        String header = null;
        StringBuilder body = new StringBuilder();
        for (String line : (content + "\n=== end").split("\\R")) {
            boolean newHeader = line.startsWith("@@@ ") || line.startsWith("=== ");
            if (!newHeader) {
                if (header != null && !line.startsWith("#")) {
                    body.append(line).append('\n');
                }
                continue;
            }
            if (header != null) {
                add(header, body.toString().strip(), contexts, notes);
            }
            header = line;
            body.setLength(0);
        }
        return new Corpus(contexts, notes);
    }

    private static void add(
            String header, String body, Map<String, Context> contexts, Map<String, LabelledNote> notes) {
        List<String> parts = List.of(header.substring(4).split("\\|")).stream()
                .map(String::strip)
                .toList();
        if (header.startsWith("@@@ ")) {
            String[] name = parts.get(1).split(" ", 2);
            contexts.put(
                    parts.get(0), new Context(new NoteRecipient(name[0], name[1]), parts.get(2), parts.get(3), body));
            return;
        }
        Set<FindingCode> expected = EnumSet.noneOf(FindingCode.class);
        if (!parts.get(2).equals("-")) {
            for (String code : parts.get(2).split(",")) {
                expected.add(FindingCode.valueOf(code.strip()));
            }
        }
        Optional<String> other = parts.size() > 3 && parts.get(3).startsWith("other=")
                ? Optional.of(parts.get(3).substring("other=".length()))
                : Optional.empty();
        LabelledNote previous =
                notes.put(parts.get(0), new LabelledNote(parts.get(0), parts.get(1), expected, other, body));
        if (previous != null) {
            throw new IllegalStateException("note " + parts.get(0) + " twice");
        }
    }
}
