package com.followup.api.representations;

import com.followup.core.ruleset.RuleId;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A breach in the words a candidate reads, one wording for the API and the portal: what a touch did wrong on its step
 * ("sent too early (R6)"), a one-line warning before it is logged ("Too early: not before Mon 7 Dec 2026, 09:00 (R6)"),
 * and the engine's explanations with their moments written the way every page writes them.
 */
public final class BreachWords {
    /** The one way pages, mails and the API's words write a moment: "Mon 7 Dec 2026, 09:00". */
    public static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    // The engine's moments (core's LocalMoments.describe): "Monday 2026-12-07 09:00 (Europe/Berlin)".
    private static final Pattern ENGINE_MOMENT = Pattern.compile(
            "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) (\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2})"
                    + " \\(([^()\\s]+)\\)");
    // The same moment once written by this class with its zone: "Mon 7 Dec 2026, 09:00 (Europe/Berlin)".
    private static final Pattern WORDED_MOMENT =
            Pattern.compile("([A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}) \\(([^()\\s]+)\\)");

    private BreachWords() {}

    public static String when(Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone));
    }

    /** {@link #when} with the zone it is in: "Mon 7 Dec 2026, 09:00 (Europe/Berlin)". */
    public static String whenWithZone(Instant instant, ZoneId zone) {
        return when(instant, zone) + " (" + zone.getId() + ")";
    }

    /**
     * What a step's touch did, when it broke rules: "sent too early (R6)", "sent to a personal address (R12)"; several
     * joined with "and". A step whose touch broke nothing has no such words.
     */
    public static Optional<String> stepOutcome(Collection<String> brokenRules) {
        if (brokenRules.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(brokenRules.stream()
                .distinct()
                .map(rule -> whatHappened(rule) + " (" + rule + ")")
                .collect(Collectors.joining(" and ")));
    }

    private static String whatHappened(String rule) {
        Optional<RuleId> id = ruleOf(rule);
        if (id.isEmpty()) {
            return "broke a rule";
        }
        return switch (id.get()) {
            case R1 -> "sent late";
            case R6 -> "sent too early";
            case R7 -> "sent too soon after the last follow-up";
            case R8 -> "one status check too many";
            case R10 -> "sent by the wrong channel";
            case R12 -> "sent to a personal address";
            case R13 -> "a forbidden touch";
            case R15 -> "too long";
            case R2, R3, R4, R5, R9, R11, R14, R16, R17, R18, R19, R20 -> "broke a rule";
        };
    }

    /**
     * The warning a touch would earn before it is logged, in one line ending with its rule id: "Too early: not before
     * Mon 7 Dec 2026, 09:00 (R6)". {@code notBefore} is the step's earliest moment (R6, R7), {@code deadline} the
     * one a late thank-you missed (R1).
     */
    public static String warning(
            String rule, Optional<Instant> notBefore, Optional<Instant> deadline, String explanation, ZoneId zone) {
        Optional<RuleId> id = ruleOf(rule);
        String words = id.map(known -> switch (known) {
                    case R1 ->
                        "Late"
                                + deadline.map(at -> ": it was due by " + when(at, zone))
                                        .orElse("");
                    case R6 ->
                        "Too early"
                                + notBefore
                                        .map(at -> ": not before " + when(at, zone))
                                        .orElse("");
                    case R7 ->
                        "Too soon after the last follow-up"
                                + notBefore
                                        .map(at -> ": not before " + when(at, zone))
                                        .orElse("");
                    case R8 -> "One status check too many: the thread should stay closed";
                    case R10 -> "Wrong channel: " + reword(explanation, zone);
                    case R12 -> "Not a business address: " + reword(explanation, zone);
                    case R13 -> "Forbidden: " + reword(explanation, zone);
                    case R15 -> "Too long: " + reword(explanation, zone);
                    case R2, R3, R4, R5, R9, R11, R14, R16, R17, R18, R19, R20 -> reword(explanation, zone);
                })
                .orElse(reword(explanation, zone));
        return stripFinalStop(words) + " (" + rule + ")";
    }

    /**
     * {@code text} with each of the engine's moments ("Monday 2026-12-07 09:00 (Europe/Berlin)", or one this class
     * wrote with its zone) written as "Mon 7 Dec 2026, 09:00" in {@code zone}.
     */
    public static String reword(String text, ZoneId zone) {
        return rewrite(text, zone, false);
    }

    /** As {@link #reword}, keeping the zone the moment is written in: "Mon 7 Dec 2026, 09:00 (Europe/Berlin)". */
    public static String rewordWithZone(String text, ZoneId zone) {
        return rewrite(text, zone, true);
    }

    /** The same words for the same text: the engine writes a plan's breaches alike on every request (issue 18). */
    private record Rewording(String text, ZoneId zone, boolean withZone) {}

    private static final Cache<Rewording, String> REWORDED =
            Caffeine.newBuilder().maximumSize(20_000).build();

    private static String rewrite(String text, ZoneId zone, boolean withZone) {
        return REWORDED.get(new Rewording(text, zone, withZone), key -> rewriteOnce(text, zone, withZone));
    }

    private static String rewriteOnce(String text, ZoneId zone, boolean withZone) {
        String once = replace(ENGINE_MOMENT, text, matcher -> {
            LocalDateTime local = LocalDateTime.parse(matcher.group(1) + "T" + matcher.group(2));
            return Optional.of(local.atZone(ZoneId.of(matcher.group(3))).toInstant());
        });
        String twice = replace(
                WORDED_MOMENT,
                once,
                matcher -> Optional.of(LocalDateTime.parse(matcher.group(1), WHEN)
                        .atZone(ZoneId.of(matcher.group(2)))
                        .toInstant()));
        return withZone ? tagged(twice, zone) : untagged(twice, zone);
    }

    @FunctionalInterface
    private interface Moment {
        Optional<Instant> of(Matcher matcher);
    }

    /** Each match marked by its epoch second first, so that both patterns end in one form before it is written. */
    private static String replace(Pattern pattern, String text, Moment moment) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            try {
                replacement = moment.of(matcher)
                        .map(at -> "\u0000" + at.getEpochSecond() + "\u0000")
                        .orElse(matcher.group());
            } catch (DateTimeException e) {
                replacement = matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static final Pattern MARK = Pattern.compile("\u0000(-?\\d+)\u0000");

    private static String tagged(String text, ZoneId zone) {
        return MARK.matcher(text)
                .replaceAll(found -> Matcher.quoteReplacement(
                        whenWithZone(Instant.ofEpochSecond(Long.parseLong(found.group(1))), zone)));
    }

    private static String untagged(String text, ZoneId zone) {
        return MARK.matcher(text)
                .replaceAll(found ->
                        Matcher.quoteReplacement(when(Instant.ofEpochSecond(Long.parseLong(found.group(1))), zone)));
    }

    private static String stripFinalStop(String words) {
        String trimmed = words.strip();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static Optional<RuleId> ruleOf(String rule) {
        try {
            return Optional.of(RuleId.valueOf(rule));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
