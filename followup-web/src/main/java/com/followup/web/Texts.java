package com.followup.web;

import com.followup.core.model.Channel;
import com.followup.core.ruleset.RuleId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Words and times as the pages show them: the rules in a sentence each, instants in the viewer's zone. */
public final class Texts {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    // Our own short wording of shared/follow-up-rules.md, one sentence a rule.
    private static final Map<RuleId, String> RULES = new EnumMap<>(Map.ofEntries(
            Map.entry(RuleId.R1, "Thank the company within 48 hours of the interview's end."),
            Map.entry(RuleId.R2, "Best sent after a few hours of reflection and before noon the next day."),
            Map.entry(RuleId.R3, "Each interviewer gets a note of their own."),
            Map.entry(RuleId.R4, "Write down notes, concerns and unasked questions right after the interview."),
            Map.entry(RuleId.R5, "Record what the company said about next steps and its decision date."),
            Map.entry(RuleId.R6, "No status check before the company's decision date has passed."),
            Map.entry(RuleId.R7, "Unanswered follow-ups to one company stay at least two weeks apart."),
            Map.entry(RuleId.R8, "At most two unanswered status checks; then the thread closes."),
            Map.entry(RuleId.R9, "Without a decision date, the first status check waits a full spacing."),
            Map.entry(RuleId.R10, "The first status check goes by email; a second one may be a call."),
            Map.entry(RuleId.R11, "A thank-you goes best by email; a card only when delivered by hand."),
            Map.entry(RuleId.R12, "Use business addresses and numbers only, never personal ones."),
            Map.entry(RuleId.R13, "No gifts of any kind and no Facebook friend requests."),
            Map.entry(RuleId.R14, "Thank them, say you want the role, mention something specific."),
            Map.entry(RuleId.R15, "Keep it short: a few sentences."),
            Map.entry(RuleId.R16, "Each note is personal, not a copy of another one."),
            Map.entry(RuleId.R17, "Real words and correct spelling, no text-speak."),
            Map.entry(RuleId.R18, "This company does not answer follow-ups; silence is not held against you."),
            Map.entry(RuleId.R19, "After a rejection, a short thank-you keeps the relationship."),
            Map.entry(RuleId.R20, "Tell the agency how it went within a day; the debrief counts.")));

    private Texts() {}

    public static String rule(RuleId rule) {
        return RULES.get(rule);
    }

    /** "R1, R2" and the sentences behind them. */
    public static String explain(List<String> ruleIds) {
        return ruleIds.stream()
                .map(id -> ruleOf(id).map(Texts::rule).orElse(id))
                .collect(Collectors.joining(" "));
    }

    public static Optional<RuleId> ruleOf(String id) {
        try {
            return Optional.of(RuleId.valueOf(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static String when(Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone));
    }

    public static String when(OffsetDateTime time, ZoneId zone) {
        return when(time.toInstant(), zone);
    }

    /**
     * The same moment on the candidate's clock when it differs from the viewer's: " (15:00 for the candidate,
     * Europe/Berlin)", or nothing when both read the same.
     */
    public static String alsoIn(Instant instant, ZoneId viewer, ZoneId candidate) {
        if (viewer.getRules().getOffset(instant).equals(candidate.getRules().getOffset(instant))) {
            return "";
        }
        return " (" + when(instant, candidate) + " for the candidate, " + candidate.getId() + ")";
    }

    public static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** The value of a datetime-local input for an instant, in the given zone. */
    public static String input(Instant instant, ZoneId zone) {
        return INPUT.format(instant.atZone(zone));
    }

    /** A datetime-local input's value ("2026-03-30T14:00"), read in the given zone. */
    public static Optional<OffsetDateTime> parseLocal(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value.trim()).atZone(zone).toOffsetDateTime());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static Optional<LocalDate> parseDate(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** ON_SITE → "On site"; names keep their capitals (LINKEDIN_CONNECTION → "LinkedIn connection"). */
    public static String label(Enum<?> value) {
        String words = value.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return names(Character.toUpperCase(words.charAt(0)) + words.substring(1));
    }

    /** How a touch went, inside a sentence: "email", "phone", "LinkedIn", "handwritten card by post". */
    public static String channelWords(Channel channel) {
        return switch (channel) {
            case EMAIL -> "email";
            case PHONE -> "phone";
            case TEXT_MESSAGE -> "text message";
            case LINKEDIN -> "LinkedIn";
            case FACEBOOK -> "Facebook";
            case HANDWRITTEN_CARD_BY_HAND -> "handwritten card by hand";
            case HANDWRITTEN_CARD_BY_POST -> "handwritten card by post";
            case PARCEL -> "parcel";
        };
    }

    private static String names(String words) {
        return words.replace("Linkedin", "LinkedIn").replace("linkedin", "LinkedIn");
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
