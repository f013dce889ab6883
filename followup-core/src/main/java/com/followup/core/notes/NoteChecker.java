package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Checks a thank-you note draft against R14 to R17 as the candidate types.
 *
 * <p>Build one with {@link #create()} at start-up and share it: loading the spelling dictionary takes tens of
 * milliseconds, a check afterwards well under one (see {@code docs/benchmarks.md}). Thread-safe.
 */
public final class NoteChecker {
    private final NoteContentCheck content;
    private final NoteGenericCheck generic;
    private final NoteLanguageCheck language;

    private NoteChecker(ContentWords contentWords, StockNotes stockNotes, EnglishSpelling spelling) {
        this.content = new NoteContentCheck(contentWords, stockNotes, spelling);
        this.generic = new NoteGenericCheck(stockNotes);
        this.language = new NoteLanguageCheck(spelling);
    }

    /** Loads the stop words, the stock thank-you notes and the spelling dictionary from the class path. */
    public static NoteChecker create() {
        return new NoteChecker(ContentWords.load(), StockNotes.load(), EnglishSpelling.load());
    }

    /**
     * The findings on a draft, R14 first and R17 last, and the figures behind them. An empty draft is not an error:
     * it gets {@link FindingCode#R14_EMPTY_NOTE} and a word count of zero.
     */
    public NoteCheck check(NoteDraft draft) {
        requireNonNull(draft, "draft is null");
        NoteText note = new NoteText(draft.text());
        EnglishStemmer stemmer = ContentWords.newStemmer();

        NoteContentCheck.Result contentResult = content.check(note, draft, stemmer);
        NoteGenericCheck.Result genericResult = generic.check(note, draft, contentResult.specific());

        List<NoteFinding> findings = new ArrayList<>(contentResult.findings());
        NoteBrevityCheck.check(note, draft.settings()).ifPresent(findings::add);
        findings.addAll(genericResult.findings());
        findings.addAll(language.check(note, draft));

        return new NoteCheck(
                findings,
                note.size(),
                genericResult.mostSimilar(),
                contentResult.thanks(),
                contentResult.interest(),
                contentResult.specific(),
                contentResult.topics());
    }
}
