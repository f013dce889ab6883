package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * R14 note-content: the note thanks the interviewer, says the candidate wants the role, and says something from
 * this conversation (see "What counts in a note" in the rules).
 *
 * <p><b>Interest</b> is a positive statement of wanting the role or the work, found sentence by sentence: a word
 * that states it on its own (<i>interested</i>, <i>keen</i>, <i>excited</i>…), or a verb of wanting (<i>want</i>,
 * <i>would love</i>, <i>hope</i>, <i>look forward</i>, <i>can't wait</i>…) with the job or the work as its object
 * within a few words ("I really want the job", "look forward to joining"; not "look forward to hearing from you",
 * not "I wanted to thank you"). A negation shortly before ("no longer interested", "I don't think I want") makes it
 * a negated statement, as does a withdrawal ("withdraw my application", "accepted another offer"): not interest,
 * and a finding of its own ({@link FindingCode#R14_INTEREST_NEGATED}).
 *
 * <p><b>Specific</b> is a topic of the candidate's debrief, or words that are in neither the stock thank-you notes
 * nor the vocabulary every interview shares. The interviewer's and the company's names and the role's title never
 * count, nor do the stock notes' words ("skills", "culture", "mission").
 */
final class NoteContentCheck {
    /** Beginnings of the words that thank: thank, thanks, thankful, appreciate, appreciation, grateful, gratitude. */
    private static final List<String> THANKS_PREFIXES = List.of("thank", "apprecia", "grateful", "gratitude");

    /** Text-speak still thanks; R17 asks for the full word separately. Not "ty", which is also a name. */
    private static final Set<String> THANKS_SHORTHAND = Set.of("thx", "thnx", "thanx", "tks");

    /** Words that state interest on their own. */
    private static final Set<String> INTEREST_WORDS = Set.of(
            "interested",
            "interest",
            "excited",
            "exciting",
            "excites",
            "enthusiastic",
            "enthusiasm",
            "eager",
            "keen",
            "thrilled",
            "passionate",
            "motivated",
            "appeals",
            "appealing");

    /** Verbs and phrases of wanting: interest only with the job or the work as their object. */
    private static final Set<String> WANTING = Set.of(
            "want",
            "wants",
            "wanted",
            "wanna",
            "wish",
            "hope",
            "hoping",
            "love",
            "luv",
            "like",
            "forward",
            "wait",
            "welcome",
            "glad",
            "happy",
            "delighted",
            "ready",
            "dream",
            "chance");

    /** What a wanting verb must reach for to be interest in the role. */
    private static final Set<String> WANTED = Set.of(
            "job",
            "role",
            "position",
            "work",
            "working",
            "join",
            "joining",
            "contribute",
            "contributing",
            "part",
            "offer",
            "start",
            "starting",
            "build",
            "building",
            "help",
            "helping",
            "onboard",
            "opportunity",
            NoteTokens.ROLE,
            NoteTokens.COMPANY);

    private static final LevenshteinDistance ONE_EDIT = new LevenshteinDistance(1);

    /** How far after a wanting verb its object may come, in words. */
    private static final int OBJECT_REACH = 5;

    /** How far before a statement of interest a negation reaches, in words ("not sure that I am interested"). */
    private static final int NEGATION_REACH = 5;

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "cannot", "nor", "neither", "longer");

    /** Words after a negation that make it no negation of interest: "no doubt", "not only", "don't hesitate". */
    private static final Set<String> NOT_NEGATING = Set.of("doubt", "only", "wait", "hesitate", "just", "matter");

    /** Words that withdraw on their own, and pairs that do: no statement of interest needed. */
    private static final Set<String> WITHDRAWAL_WORDS = Set.of("withdraw", "withdrawing", "withdrawn", "elsewhere");

    private static final Set<String> WITHDRAWAL_PAIRS = Set.of(
            "no longer",
            "another offer",
            "an offer",
            "other opportunities",
            "decline the",
            "declining the",
            "lost interest",
            "less interested",
            "step back",
            "stepping back");

    /** Closing formulas: what follows them in the last words of a note is the candidate's name. */
    private static final Set<String> CLOSINGS =
            Set.of("regards", "wishes", "sincerely", "cheers", "best", "thanks", "yours", "warmly");

    private static final int CLOSING_REACH = 5;

    /** Words of the note outside the stock notes and the debrief: this many make a note specific. */
    static final int SPECIFIC_WORDS = 2;

    /** Only words this long count as specific without the debrief ("bug" says little, "ledger" says more). */
    private static final int SHORTEST_SPECIFIC = 4;

    record Result(
            List<NoteFinding> findings, boolean thanks, boolean interest, boolean specific, List<String> topics) {}

    private final ContentWords contentWords;
    private final StockNotes stockNotes;
    private final EnglishSpelling spelling;

    NoteContentCheck(ContentWords contentWords, StockNotes stockNotes, EnglishSpelling spelling) {
        this.contentWords = requireNonNull(contentWords, "contentWords is null");
        this.stockNotes = requireNonNull(stockNotes, "stockNotes is null");
        this.spelling = requireNonNull(spelling, "spelling is null");
    }

    Result check(NoteText note, NoteDraft draft, EnglishStemmer stemmer) {
        NoteRecipient recipient = draft.recipient();
        if (note.size() == 0) {
            return new Result(
                    List.of(NoteFinding.wholeNote(
                            FindingCode.R14_EMPTY_NOTE,
                            "Nothing written yet. Open by thanking " + recipient.callName()
                                    + " for the conversation, then say why you want the role.")),
                    false,
                    false,
                    false,
                    List.of());
        }
        Map<String, String> blanks = NoteTokens.blanks(recipient, draft.company(), draft.role());
        boolean thanks = hasThanks(note);
        Interest interest = interest(note, blanks);
        boolean[] notSpecific = namesAndTitle(note, blanks, draft.role());
        List<String> topics = topicsMentioned(note, draft.debrief(), notSpecific, stemmer);
        boolean specific = !topics.isEmpty() || ownWords(note, notSpecific, stemmer) >= SPECIFIC_WORDS;

        List<NoteFinding> findings = new ArrayList<>();
        if (!thanks) {
            findings.add(NoteFinding.wholeNote(
                    FindingCode.R14_MISSING_THANKS,
                    "Add a thank-you: one line thanking " + recipient.callName()
                            + " for their time is the heart of this note."));
        }
        if (interest.negated().isPresent()) {
            TextSpan span = interest.negated().get();
            findings.add(NoteFinding.at(
                    FindingCode.R14_INTEREST_NEGATED,
                    "\"" + note.text().substring(span.start(), span.end())
                            + "\" says you do not want the role. A thank-you note states interest; if you are"
                            + " withdrawing, tell the agency and send a short, separate message instead.",
                    span,
                    List.of()));
        } else if (!interest.present()) {
            findings.add(NoteFinding.wholeNote(
                    FindingCode.R14_MISSING_INTEREST,
                    "Say that you want the job: a sentence on what draws you to the role shows you are still keen"
                            + " (\"I look forward to hearing from you\" does not say it)."));
        }
        if (!specific) {
            findings.add(NoteFinding.wholeNote(
                    FindingCode.R14_MISSING_SPECIFIC,
                    "Make it personal: bring up something you and " + recipient.callName()
                            + " talked about (a project, a question, a concern they raised). A name, the role's title"
                            + " or a stock line such as \"I enjoyed our conversation\" could be in any note."));
        }
        return new Result(findings, thanks, interest.present(), specific, topics);
    }

    /** Whether the note states interest, and the first sentence that negates it, if any. */
    record Interest(boolean present, Optional<TextSpan> negated) {}

    private static boolean hasThanks(NoteText note) {
        for (int index = 0; index < note.size(); index++) {
            String word = note.lowercase().get(index);
            // "ty" in lower case is text-speak for thank you (R17 says so too); "Ty" is a name.
            if (THANKS_SHORTHAND.contains(word)
                    || note.words().get(index).text().equals("ty")) {
                return true;
            }
            for (String prefix : THANKS_PREFIXES) {
                if (word.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A misspelt word that states interest still states it ("very intrested"; R17 reports the typo): a word of six
     * letters or more, one edit away from one of {@link #INTEREST_WORDS} and not in the dictionary.
     */
    private String interestWordOrTypo(String word) {
        if (word.length() < 6 || INTEREST_WORDS.contains(word)) {
            return word;
        }
        for (String interestWord : INTEREST_WORDS) {
            if (Math.abs(interestWord.length() - word.length()) <= 1
                    && ONE_EDIT.apply(interestWord, word) == 1
                    && spelling.isMisspelled(word)) {
                return interestWord;
            }
        }
        return word;
    }

    Interest interest(NoteText note, Map<String, String> blanks) {
        boolean present = false;
        Optional<TextSpan> negated = Optional.empty();
        List<String> words = note.lowercase();
        int sentenceStart = 0;
        for (int index = 0; index <= words.size(); index++) {
            if (index == words.size() || index > sentenceStart && note.startsSentence(index)) {
                List<String> sentence = new ArrayList<>(index - sentenceStart);
                boolean[] clauseStarts = new boolean[index - sentenceStart];
                for (int word = sentenceStart; word < index; word++) {
                    String lowercase = interestWordOrTypo(words.get(word));
                    sentence.add(blanks.getOrDefault(lowercase, lowercase));
                    clauseStarts[word - sentenceStart] = word > sentenceStart && startsClause(note, word);
                }
                switch (sentenceInterest(sentence, clauseStarts)) {
                    case POSITIVE -> present = true;
                    case NEGATED -> {
                        if (negated.isEmpty()) {
                            negated = Optional.of(new TextSpan(
                                    note.words().get(sentenceStart).start(),
                                    note.words().get(index - 1).end()));
                        }
                    }
                    case NONE -> {}
                }
                sentenceStart = index;
            }
        }
        return new Interest(present, negated);
    }

    private enum Stance {
        NONE,
        POSITIVE,
        NEGATED
    }

    /** A comma, semicolon, colon or dash before the word, or the word "but", starts a new clause. */
    private static boolean startsClause(NoteText note, int index) {
        if (note.lowercase().get(index).equals("but")) {
            return true;
        }
        String between = note.text()
                .substring(
                        note.words().get(index - 1).end(),
                        note.words().get(index).start());
        for (int i = 0; i < between.length(); i++) {
            char character = between.charAt(i);
            if (character == ','
                    || character == ';'
                    || character == ':'
                    || character == '\u2013'
                    || character == '\u2014') {
                return true;
            }
        }
        return false;
    }

    private static Stance sentenceInterest(List<String> words, boolean[] clauseStarts) {
        for (int index = 0; index < words.size(); index++) {
            String word = words.get(index);
            if (WITHDRAWAL_WORDS.contains(word)
                    || index > 0 && WITHDRAWAL_PAIRS.contains(words.get(index - 1) + " " + word)) {
                return Stance.NEGATED;
            }
        }
        Stance stance = Stance.NONE;
        for (int index = 0; index < words.size(); index++) {
            String word = words.get(index);
            boolean statement = INTEREST_WORDS.contains(word) || WANTING.contains(word) && reachesWanted(words, index);
            if (!statement) {
                continue;
            }
            if (negatedBefore(words, clauseStarts, index)) {
                return Stance.NEGATED;
            }
            stance = Stance.POSITIVE;
        }
        return stance;
    }

    private static boolean reachesWanted(List<String> words, int verb) {
        for (int index = verb + 1; index < words.size() && index <= verb + OBJECT_REACH; index++) {
            if (WANTED.contains(words.get(index))) {
                return true;
            }
        }
        return false;
    }

    private static boolean negatedBefore(List<String> words, boolean[] clauseStarts, int statement) {
        int clauseStart = statement;
        while (clauseStart > 0 && !clauseStarts[clauseStart]) {
            clauseStart--;
        }
        for (int index = Math.max(clauseStart, statement - NEGATION_REACH); index < statement; index++) {
            String word = words.get(index);
            boolean negation = NEGATIONS.contains(word) || word.endsWith("n't");
            String next = words.get(index + 1);
            if (negation && !NOT_NEGATING.contains(next) && !comparative(words, index)) {
                return true;
            }
        }
        return false;
    }

    /** "couldn't be more excited", "never been more keen": a negation that strengthens. */
    private static boolean comparative(List<String> words, int negation) {
        return negation + 2 < words.size()
                && (words.get(negation + 1).equals("be")
                        || words.get(negation + 1).equals("been"))
                && words.get(negation + 2).equals("more");
    }

    /**
     * The words that never make a note specific: the recipient's and the company's names, the role's title where
     * the note names it whole ("the data engineer role"; "data" in "the data pipeline" still counts), and a name
     * after a closing formula at the end ("Best regards, Cara").
     */
    private static boolean[] namesAndTitle(NoteText note, Map<String, String> blanks, Optional<String> role) {
        List<String> words = note.lowercase();
        boolean[] excluded = new boolean[words.size()];
        for (int index = 0; index < words.size(); index++) {
            String blank = blanks.get(words.get(index));
            excluded[index] = NoteTokens.NAME.equals(blank) || NoteTokens.COMPANY.equals(blank);
        }
        List<String> title = role.map(r -> new NoteText(r).lowercase()).orElse(List.of());
        for (int start = 0; !title.isEmpty() && start + title.size() <= words.size(); start++) {
            if (words.subList(start, start + title.size()).equals(title)) {
                Arrays.fill(excluded, start, start + title.size(), true);
            }
        }
        for (int index = Math.max(0, words.size() - CLOSING_REACH); index < words.size(); index++) {
            if (CLOSINGS.contains(words.get(index))) {
                Arrays.fill(excluded, index, words.size(), true);
                break;
            }
        }
        return excluded;
    }

    /** The note's words whose stems are debrief topics, one per stem, in the note's order. */
    private List<String> topicsMentioned(NoteText note, String debrief, boolean[] notSpecific, EnglishStemmer stemmer) {
        if (debrief.isBlank()) {
            return List.of();
        }
        Set<String> debriefStems = new HashSet<>();
        NoteText debriefText = new NoteText(debrief);
        for (String word : debriefText.lowercase()) {
            contentWords.topicStem(stemmer, word).ifPresent(debriefStems::add);
        }
        Map<String, String> mentioned = new LinkedHashMap<>();
        List<Words.Word> words = note.words();
        for (int index = 0; index < words.size(); index++) {
            String lowercase = note.lowercase().get(index);
            if (notSpecific[index]) {
                continue;
            }
            String word = words.get(index).text();
            contentWords
                    .topicStem(stemmer, lowercase)
                    .filter(debriefStems::contains)
                    .filter(stem -> !stockNotes.isStockStem(stem))
                    .ifPresent(stem -> mentioned.putIfAbsent(stem, word));
        }
        return List.copyOf(mentioned.values());
    }

    /**
     * How many different stems of the note are its own: real words (or names) of at least four letters that are
     * in neither the stock notes nor the interview vocabulary, and are not the recipient, the company or the role.
     */
    private int ownWords(NoteText note, boolean[] notSpecific, EnglishStemmer stemmer) {
        Set<String> own = new LinkedHashSet<>();
        boolean[] linksAndSignature = NoteLanguageCheck.linksAndSignature(note);
        List<Words.Word> words = note.words();
        for (int index = 0; index < words.size(); index++) {
            String lowercase = note.lowercase().get(index);
            if (linksAndSignature[index]
                    || lowercase.length() < SHORTEST_SPECIFIC
                    || notSpecific[index]
                    || TextSpeak.fullForm(lowercase).isPresent()) {
                continue;
            }
            Optional<String> stem =
                    contentWords.topicStem(stemmer, lowercase).filter(topic -> !stockNotes.isStockStem(topic));
            if (stem.isEmpty() || own.contains(stem.get())) {
                continue;
            }
            String word = NoteText.normalizeApostrophes(words.get(index).text());
            boolean name = Character.isUpperCase(word.charAt(0)) && !note.startsSentence(index);
            if (name || !spelling.isMisspelled(word.toLowerCase(Locale.ROOT))) {
                own.add(stem.get());
            }
        }
        return own.size();
    }
}
