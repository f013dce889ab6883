package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * R17 note-language: no text-speak and no typos.
 *
 * <p>Names are not typos. The checker skips the recipient's and the company's names, capitalised words inside a
 * sentence (a capital there marks a name), words capitalised inside a sentence elsewhere in the note or in the
 * debrief, and a closing line of capitalised words (the signature). Acronyms, words with digits, links and e-mail
 * addresses are skipped too. A capitalised word that starts a sentence is still checked: "Thnak you" is a typo.
 */
final class NoteLanguageCheck {
    private static final int SUGGESTIONS_PER_WORD = 3;

    /**
     * Working out suggestions costs a few hundred microseconds a word, so only the first misspellings of a draft
     * get them; the rest are still reported. This keeps a check within the typing budget, and the first ones are
     * the ones the candidate fixes next. A count rather than a time limit, so the result is the same every time.
     */
    static final int SUGGESTED_MISSPELLINGS = 3;

    private static final int LONGEST_SIGNATURE = 4;

    private final EnglishSpelling spelling;

    NoteLanguageCheck(EnglishSpelling spelling) {
        this.spelling = requireNonNull(spelling, "spelling is null");
    }

    List<NoteFinding> check(NoteText note, NoteDraft draft) {
        Set<String> declaredNames = declaredNames(draft);
        Set<String> capitalisedNames = capitalisedNames(note, draft);
        boolean[] skipped = linksAndSignature(note);
        List<NoteFinding> findings = new ArrayList<>();
        int misspellings = 0;
        List<Words.Word> words = note.words();
        for (int index = 0; index < words.size(); index++) {
            Words.Word word = words.get(index);
            String lowercase = note.lowercase().get(index);
            if (skipped[index] || declaredNames.contains(lowercase)) {
                continue;
            }
            String previous = wordAt(note, index - 1);
            String next = wordAt(note, index + 1);
            Optional<String> fullForm =
                    TextSpeak.fullForm(word.text()).or(() -> TextSpeak.digitAsWord(previous, word.text(), next));
            if (fullForm.isPresent()) {
                findings.add(textSpeak(word, fullForm.get()));
                continue;
            }
            String candidate = withoutPossessive(NoteText.normalizeApostrophes(word.text()));
            if (!isCheckable(candidate)) {
                continue;
            }
            boolean capitalised = Character.isUpperCase(candidate.charAt(0));
            if (capitalised && (isName(note, index) || capitalisedNames.contains(lowercase))
                    || !spelling.isMisspelled(candidate)) {
                continue;
            }
            misspellings++;
            List<String> suggestions = misspellings <= SUGGESTED_MISSPELLINGS
                    ? spelling.suggestions(candidate, SUGGESTIONS_PER_WORD)
                    : List.of();
            findings.add(misspelling(word, suggestions));
        }
        return findings;
    }

    private static String wordAt(NoteText note, int index) {
        return index >= 0 && index < note.size() ? note.lowercase().get(index) : "";
    }

    private static NoteFinding textSpeak(Words.Word word, String fullForm) {
        if (fullForm.isEmpty()) {
            return NoteFinding.at(
                    FindingCode.R17_TEXT_SPEAK,
                    "\"" + word.text() + "\" is chat shorthand; leave it out of a note to an interviewer.",
                    TextSpan.of(word),
                    List.of());
        }
        return NoteFinding.at(
                FindingCode.R17_TEXT_SPEAK,
                "\"" + word.text() + "\" is chat shorthand; write \"" + fullForm + "\" in full.",
                TextSpan.of(word),
                List.of(fullForm));
    }

    private static NoteFinding misspelling(Words.Word word, List<String> suggestions) {
        String message = suggestions.isEmpty()
                ? "\"" + word.text() + "\" is not in the dictionary. Check the spelling."
                : "\"" + word.text() + "\" is not in the dictionary. Did you mean \"" + suggestions.get(0) + "\"?";
        return NoteFinding.at(FindingCode.R17_MISSPELLING, message, TextSpan.of(word), suggestions);
    }

    /** Lower-case parts of the recipient's and the company's names: never typos, whatever their case. */
    private static Set<String> declaredNames(NoteDraft draft) {
        Set<String> names = new HashSet<>();
        List<String> declared = new ArrayList<>(
                List.of(draft.recipient().firstName(), draft.recipient().lastName()));
        draft.company().ifPresent(declared::add);
        for (String name : declared) {
            for (Words.Word part : Words.of(name)) {
                names.add(NoteText.normalizeApostrophes(part.text()).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * Lower case of the words the note or the debrief capitalises inside a sentence: the same word opening a
     * sentence is that name too ("Priya asked... Priya said").
     */
    private static Set<String> capitalisedNames(NoteText note, NoteDraft draft) {
        Set<String> names = new HashSet<>();
        addCapitalisedInsideSentences(note, names);
        if (!draft.debrief().isBlank()) {
            addCapitalisedInsideSentences(new NoteText(draft.debrief()), names);
        }
        return names;
    }

    private static void addCapitalisedInsideSentences(NoteText text, Set<String> names) {
        for (int index = 0; index < text.size(); index++) {
            if (isName(text, index)) {
                names.add(text.lowercase().get(index));
            }
        }
    }

    /** A capital inside a sentence marks a name; "I" is the one capitalised common word. */
    private static boolean isName(NoteText text, int index) {
        String word = text.words().get(index).text();
        return Character.isUpperCase(word.charAt(0)) && !word.equals("I") && !text.startsSentence(index);
    }

    /** Words in links and e-mail addresses, and in a closing line that holds only a name. */
    static boolean[] linksAndSignature(NoteText note) {
        String text = note.text();
        List<Words.Word> words = note.words();
        boolean[] skipped = new boolean[words.size()];
        markLinks(text, words, skipped);
        int lastLineStart = text.stripTrailing().lastIndexOf('\n') + 1;
        int first = words.size();
        while (first > 0 && words.get(first - 1).start() >= lastLineStart) {
            first--;
        }
        int signatureWords = words.size() - first;
        boolean signature = signatureWords > 0 && signatureWords <= LONGEST_SIGNATURE && lastLineStart > 0;
        for (int index = first; signature && index < words.size(); index++) {
            signature = Character.isUpperCase(words.get(index).text().charAt(0));
        }
        for (int index = first; signature && index < words.size(); index++) {
            skipped[index] = true;
        }
        return skipped;
    }

    /** Marks the words of each whitespace-delimited run that looks like an address: "@", "://" or "www.". */
    private static void markLinks(String text, List<Words.Word> words, boolean[] skipped) {
        int wordIndex = 0;
        int position = 0;
        while (position < text.length() && wordIndex < words.size()) {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            int runStart = position;
            while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            String run = text.substring(runStart, position);
            boolean link = run.indexOf('@') >= 0 || run.contains("://") || run.startsWith("www.");
            while (wordIndex < words.size() && words.get(wordIndex).start() < position) {
                skipped[wordIndex] = link;
                wordIndex++;
            }
        }
    }

    private static String withoutPossessive(String word) {
        if (word.endsWith("'s") || word.endsWith("'S")) {
            return word.substring(0, word.length() - 2);
        }
        return word.endsWith("'") ? word.substring(0, word.length() - 1) : word;
    }

    /** Acronyms, camel-case product names, codes and very long tokens are not the dictionary's business. */
    private static boolean isCheckable(String word) {
        if (word.isEmpty() || word.length() > EnglishSpelling.LONGEST_WORD) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char character = word.charAt(i);
            boolean letter = Character.isLetter(character) || character == '\'';
            if (!letter || i > 0 && Character.isUpperCase(character)) {
                return false;
            }
        }
        return true;
    }
}
