package com.followup.core.notes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.CosineSimilarity;

/**
 * R16 note-not-generic: a note that is a near-copy of another note of the same interview, a stock thank-you note
 * (even as the first note of the interview), or a template with its blanks still in.
 *
 * <p>Similarity is the cosine of the two notes' word-pair counts. Pairs rather than single words because any two
 * thank-you notes share most of their single words ("thank", "you", "role"); what a copy shares is the wording.
 * Each note's own recipient's name counts as one placeholder word, so swapping the name does not hide a copy; the
 * company's name and the role's title count as placeholders too, as the stock notes' blanks do.
 */
final class NoteGenericCheck {
    /**
     * A note at least this alike to the stock notes taken together (the share of its word pairs some stock note
     * also has) is stock wording even when no single stock note is as close as the similarity threshold. Measured on
     * the labelled corpus ({@code docs/notes-checker.md}).
     */
    static final double STOCK_COVERAGE = 0.8;

    /** Fewer word pairs than this say too little to call a note stock by coverage ("Thank you, Anna."). */
    static final int SHORTEST_FOR_COVERAGE = 8;

    /**
     * Blanks of a template: [Name], <company>, {role}, {{first_name}}, XXX, ___. The inside must start with a
     * letter so that "[1]" or "<3" is not taken for one.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[\\s*\\p{L}[^\\[\\]\\r\\n]{0,40}]"
            + "|<\\s*\\p{L}[^<>\\r\\n]{0,40}>"
            + "|\\{\\{?\\s*\\p{L}[^{}\\r\\n]{0,40}}}?"
            + "|\\b(?:XXX+|xxx+)\\b"
            + "|_{3,}");

    record Result(List<NoteFinding> findings, Optional<SimilarNote> mostSimilar, StockNotes.Match stock) {}

    private final CosineSimilarity cosine = new CosineSimilarity();
    private final StockNotes stockNotes;

    NoteGenericCheck(StockNotes stockNotes) {
        this.stockNotes = stockNotes;
    }

    /**
     * @param specific whether R14 found something from this conversation: a note that has it is not called stock
     *     for its stock phrases alone, only when it is as close as the threshold to one stock note
     */
    Result check(NoteText note, NoteDraft draft, boolean specific) {
        List<NoteFinding> findings = new ArrayList<>();
        Optional<SimilarNote> mostSimilar = Optional.empty();
        Map<CharSequence, Integer> shingles = shingles(note, draft, draft.recipient());
        List<OtherNote> others = draft.otherNotes();
        for (int index = 0; index < others.size(); index++) {
            OtherNote other = others.get(index);
            double similarity = similarity(shingles, shingles(new NoteText(other.text()), draft, other.recipient()));
            // Nothing shared is not "most alike" (issue 16: "Most alike: Ben (0 % alike)").
            if (similarity > 0
                    && (mostSimilar.isEmpty() || similarity > mostSimilar.get().similarity())) {
                mostSimilar = Optional.of(new SimilarNote(index, other.recipient(), similarity));
            }
            if (similarity >= draft.settings().similarityThreshold()) {
                findings.add(NoteFinding.wholeNote(
                        FindingCode.R16_NEAR_COPY,
                        "This note reads almost the same as the one to "
                                + other.recipient().fullName() + " (" + Math.round(similarity * 100)
                                + "% alike). Write each interviewer their own: bring in what you discussed with "
                                + draft.recipient().callName() + "."));
            }
        }
        StockNotes.Match stock = stockNotes.match(shingles);
        boolean closeToOne = stock.closest() >= draft.settings().similarityThreshold();
        int pairs = shingles.values().stream().mapToInt(Integer::intValue).sum();
        boolean allStock = !specific && pairs >= SHORTEST_FOR_COVERAGE && stock.coverage() >= STOCK_COVERAGE;
        if (closeToOne || allStock) {
            findings.add(NoteFinding.wholeNote(
                    FindingCode.R16_STOCK_TEMPLATE,
                    "This reads like a stock thank-you note that could go to anyone ("
                            + Math.round(Math.max(stock.closest(), stock.coverage()) * 100)
                            + "% stock wording). Replace a stock line with something you and "
                            + draft.recipient().callName() + " actually discussed."));
        }
        Matcher placeholder = PLACEHOLDER.matcher(note.text());
        while (placeholder.find()) {
            findings.add(NoteFinding.at(
                    FindingCode.R16_TEMPLATE_PLACEHOLDER,
                    "\"" + placeholder.group() + "\" looks like a blank left from a template. Fill it in, and check"
                            + " the rest of the note sounds like you.",
                    new TextSpan(placeholder.start(), placeholder.end()),
                    List.of()));
        }
        return new Result(findings, mostSimilar, stock);
    }

    private double similarity(Map<CharSequence, Integer> left, Map<CharSequence, Integer> right) {
        if (left.isEmpty() || right.isEmpty()) {
            return 0;
        }
        double similarity = cosine.cosineSimilarity(left, right);
        // Rounding can step a hair outside [0, 1].
        return Double.isNaN(similarity) ? 0 : Math.max(0, Math.min(1, similarity));
    }

    /** Word-pair counts of a note to {@code recipient}, with its names as placeholders. */
    private static Map<CharSequence, Integer> shingles(NoteText note, NoteDraft draft, NoteRecipient recipient) {
        return NoteTokens.pairs(
                NoteTokens.of(note.lowercase(), NoteTokens.blanks(recipient, draft.company(), draft.role())));
    }
}
