package com.followup.core.bench;

import com.followup.core.notes.NoteCheck;
import com.followup.core.notes.NoteCheckSettings;
import com.followup.core.notes.NoteChecker;
import com.followup.core.notes.NoteDraft;
import com.followup.core.notes.NoteRecipient;
import com.followup.core.notes.OtherNote;
import com.followup.core.notes.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The note checker runs at every pause in typing, so a 200-word draft must be checked in under 5 ms at p99.
 *
 * <p>Every check also compares the draft with the 26 stock thank-you notes (R16) and looks for interest and its
 * negation sentence by sentence (R14).
 *
 * <p>{@code typing}: the same draft again and again, as while a candidate types; its two typos' suggestions are
 * remembered after the first check. {@code freshTypos}: two misspellings never seen before in every check, so the
 * suggestion search runs each time: the worst case per typo.
 *
 * <p>Run: {@code ./mvnw -q -pl followup-core test-compile exec:exec@jmh -Djmh.args="NoteCheck -f 1 -wi 2 -w 2s -i 3 -r 3s"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NoteCheckBenchmark {
    static final String DRAFT =
            """
            Dear Anna,

            Thank you for taking the time to meet with me on Tuesday. I enjoyed our conversation \
            about the payment platform migration, and your point about keeping the ledger service available during \
            the cut-over has stayed with me since. In my current job at Northwind I led a similar move from a \
            monolith to event streaming with Kafka, and we ran both systems side by side for six weeks while we \
            compared balances every night. I would be glad to share the reconciliation checks we wrote, since they \
            caught two rounding bugs before any customer saw them.

            You mentioned a concern about my on-call experience. I have been on a weekly rotation for the last two \
            years, and last spring I rewrote our runbooks so that a new engineer could handle the most common alerts \
            without waking anyone up. I would welcome the chance to bring that habit to your group.

            I am very interested in the senior engineer role and excited about the chance to join your team. Please let me know if \
            there is anything else I can send that would help with your decision. I look forward to hearing about next steps.

            Best regards,
            Sam Okafor
            """;

    static final String DEBRIEF =
            """
            Anna Lindqvist (engineering manager): payment platform migration to Kafka, keeping the ledger service
            available during the cut-over, blameless reviews. Concern: my on-call experience.
            Ben Osei (staff engineer): pairing on a rate limiter, questions about tracing and metrics.
            Chris Park (recruiter): decision by Friday, follow up by email.
            """;

    static final String NOTE_TO_BEN =
            """
            Hi Ben,

            I appreciated the pairing session on Tuesday. Working through the rate limiter together was the most \
            enjoyable part of the day, and your questions about tracing made me think harder about how I would \
            instrument it. Since then I have sketched how I would add metrics to the token bucket, which I'm happy \
            to send over. The role sounds like a great fit for me, and I am keen to contribute to the platform group.

            Best wishes,
            Sam Okafor
            """;

    static final String NOTE_TO_CHRIS =
            """
            Dear Chris,

            Thank you for organising Tuesday so smoothly and for walking me through the timeline. It was good to \
            hear that the team hopes to decide by Friday. I remain very interested in the position and will watch \
            my inbox. Thanks again for your help.

            Kind regards,
            Sam Okafor
            """;

    private NoteChecker checker;
    private NoteDraft typing;
    private List<NoteDraft> freshTypoDrafts;
    private int nextFreshTypoDraft;

    @Setup
    public void setUp() {
        checker = NoteChecker.create();
        NoteDraft template = new NoteDraft(
                DRAFT,
                new NoteRecipient("Anna", "Lindqvist", Optional.of("Engineering Manager")),
                Optional.of("Paylio"),
                DEBRIEF,
                List.of(
                        new OtherNote(new NoteRecipient("Ben", "Osei"), NOTE_TO_BEN),
                        new OtherNote(new NoteRecipient("Chris", "Park"), NOTE_TO_CHRIS)),
                NoteCheckSettings.DEFAULTS,
                Optional.of("Senior Engineer"));
        typing = template.withText(DRAFT.replace("conversation", "converstion").replace("welcome", "wellcome"));
        int words = Words.count(typing.text());
        if (words != 200) {
            throw new IllegalStateException("the benchmark draft should have 200 words, has " + words);
        }
        List<String[]> typos = typos();
        List<NoteDraft> drafts = new ArrayList<>();
        for (int index = 0; index + 1 < typos.size(); index += 2) {
            String[] first = typos.get(index);
            String[] second = typos.get(index + 1);
            drafts.add(template.withText(DRAFT.replaceFirst(first[0], first[1]).replaceFirst(second[0], second[1])));
        }
        freshTypoDrafts = List.copyOf(drafts);
    }

    /**
     * Pairs of (word of the draft, that word with one letter added or changed), consecutive pairs from different
     * words. The checker keeps the suggestions of the last 4,096 typos at most: with twice as many typos, one comes
     * round again only after that cache has been emptied, so each check searches for its suggestions afresh.
     */
    private static List<String[]> typos() {
        List<String> sources = Words.of(DRAFT).stream()
                .map(Words.Word::text)
                .filter(word -> word.length() >= 7 && word.chars().allMatch(Character::isLowerCase))
                .distinct()
                .toList();
        List<String[]> typos = new ArrayList<>();
        for (char letter = 'a'; letter <= 'z'; letter++) {
            for (int position = 1; position < 14; position++) {
                for (String source : sources) {
                    if (position < source.length()) {
                        String before = source.substring(0, position);
                        typos.add(new String[] {source, before + letter + source.substring(position)});
                        if (source.charAt(position) != letter) {
                            typos.add(new String[] {source, before + letter + source.substring(position + 1)});
                        }
                    }
                }
            }
        }
        if (typos.size() < 2 * 4_096) {
            throw new IllegalStateException("too few typos to outrun the suggestion cache: " + typos.size());
        }
        return typos;
    }

    @Benchmark
    public NoteCheck typing() {
        return checker.check(typing);
    }

    @Benchmark
    public NoteCheck freshTypos() {
        NoteDraft draft = freshTypoDrafts.get(nextFreshTypoDraft);
        nextFreshTypoDraft = (nextFreshTypoDraft + 1) % freshTypoDrafts.size();
        return checker.check(draft);
    }
}
