package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import morfologik.speller.Speller;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryAttribute;
import morfologik.stemming.DictionaryMetadata;

/**
 * American English spelling (R17): LanguageTool's en_US dictionary (artifact {@code org.languagetool:english-pos-dict})
 * read by the Morfologik speller. See {@code docs/decisions/0003-spell-checking.md}.
 */
final class EnglishSpelling {
    private static final String DICTIONARY = "/org/languagetool/resource/en/hunspell/en_US.dict";

    /** Longer tokens are links, keys or keyboard mashing, none of which a dictionary can help with. */
    static final int LONGEST_WORD = 40;

    /**
     * Bounds the caches against endless distinct input; emptying a full cache now and then is simpler than an LRU
     * and costs only a few slower checks.
     */
    private static final int CACHED_VERDICTS = 32_768;

    private static final int CACHED_SUGGESTIONS = 4_096;

    private final Dictionary dictionary;
    // A Speller keeps buffers between calls, so each thread gets its own; the dictionary itself is immutable.
    private final ThreadLocal<Speller> spellers;
    // A draft is re-checked at every keystroke with the same words and typos in it, and candidates share most of
    // their vocabulary: remember the dictionary's answers.
    private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> suggestions = new ConcurrentHashMap<>();

    private EnglishSpelling(Dictionary dictionary) {
        this.dictionary = requireNonNull(dictionary, "dictionary is null");
        this.spellers = ThreadLocal.withInitial(() -> new Speller(this.dictionary, 1));
    }

    static EnglishSpelling load() {
        URL resource = requireNonNull(
                EnglishSpelling.class.getResource(DICTIONARY),
                DICTIONARY + " is missing: is org.languagetool:english-pos-dict on the class path?");
        try {
            Dictionary shipped = Dictionary.read(resource);
            // LanguageTool folds diacritics and tries its phonetic replacement pairs ("shun" for "tion") when it
            // looks for suggestions. English hardly needs the first; the second multiplies the searches. Without
            // them a suggestion search is several times faster and its worst case much closer to its median
            // (0003-spell-checking.md has the figures); plain one-edit typos still find their word.
            Map<DictionaryAttribute, String> attributes = new EnumMap<>(shipped.metadata.getAttributes());
            attributes.put(DictionaryAttribute.IGNORE_DIACRITICS, "false");
            attributes.remove(DictionaryAttribute.REPLACEMENT_PAIRS);
            return new EnglishSpelling(new Dictionary(shipped.fsa, new DictionaryMetadata(attributes)));
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read the spelling dictionary " + DICTIONARY, exception);
        }
    }

    /** Whether the dictionary lacks the word; a capitalised word is also accepted in lower case. */
    boolean isMisspelled(String word) {
        Boolean known = verdicts.get(word);
        if (known != null) {
            return known;
        }
        boolean misspelled = spellers.get().isMisspelled(word);
        remember(verdicts, CACHED_VERDICTS, word, misspelled);
        return misspelled;
    }

    /**
     * Up to {@code limit} replacements, closest and most frequent first. Costs a few hundred microseconds uncached.
     * A capitalised word (the checker only asks about those when they open a sentence) is looked up in lower case
     * and its suggestions capitalised back: the dictionary holds "thank", not "Thank".
     */
    List<String> suggestions(String word, int limit) {
        List<String> cached = suggestions.get(word);
        if (cached != null) {
            return cached;
        }
        Speller speller = spellers.get();
        List<String> found;
        if (Character.isUpperCase(word.charAt(0))) {
            found = speller.findReplacements(word.toLowerCase(Locale.ROOT)).stream()
                    .map(EnglishSpelling::capitalise)
                    .toList();
            if (found.isEmpty()) {
                found = speller.findReplacements(word);
            }
        } else {
            found = speller.findReplacements(word);
        }
        List<String> best = found.stream().distinct().limit(limit).toList();
        remember(suggestions, CACHED_SUGGESTIONS, word, best);
        return best;
    }

    private static <V> void remember(Map<String, V> cache, int capacity, String word, V value) {
        if (cache.size() >= capacity) {
            cache.clear();
        }
        cache.put(word, value);
    }

    private static String capitalise(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
