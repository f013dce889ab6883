package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.policy.PolicyDocument;
import com.followup.core.model.Channel;
import com.followup.core.policy.AgencyPolicy;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The agency policy as a form: one field a setting, in the units people think in (hours, days, HH:mm), with
 * the rules it drives and the default it has in a new agency. The API's {@link PolicyDocument} does the rest.
 */
public final class PolicyForm {
    public enum Kind {
        HOURS,
        DAYS,
        NUMBER,
        DECIMAL,
        TIME,
        CHANNEL,
        CHANNELS,
        ZONE,
        DATES,
        LINES,
        COUNTRY,
        REGION
    }

    /** A part of the policy with its own form and save button: the settings of one step of the follow-up. */
    public record Section(String id, String title, String intro, List<Field> fields) {
        public Section {
            requireNonNull(id, "id is null");
            requireNonNull(title, "title is null");
            requireNonNull(intro, "intro is null");
            fields = List.copyOf(fields);
        }
    }

    /** One field: its form name, what it is, the rule ids it drives and its default. */
    public record Field(String name, String label, String rules, Kind kind, String defaultValue) {
        public Field {
            requireNonNull(name, "name is null");
            requireNonNull(label, "label is null");
            requireNonNull(rules, "rules is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(defaultValue, "defaultValue is null");
        }

        public String type() {
            return switch (kind) {
                case HOURS, DAYS, NUMBER -> "number";
                case DECIMAL, ZONE -> "text";
                case CHANNELS -> "checkboxes";
                case TIME -> "time";
                case CHANNEL, COUNTRY, REGION -> "select";
                case DATES, LINES -> "textarea";
            };
        }

        public String hint() {
            String unit =
                    switch (kind) {
                        case HOURS -> "In hours. ";
                        case DAYS -> "In days. ";
                        case TIME -> "As HH:mm. ";
                        case DATES -> "One date a line, such as 2026-12-24. ";
                        case LINES -> "One a line. ";
                        case NUMBER, DECIMAL, CHANNEL, CHANNELS, ZONE, COUNTRY, REGION -> "";
                    };
            return unit + "Default: " + inWords(kind, defaultValue) + ".";
        }

        /** A default as people say it: "14 days", "e-mail or phone call", "none". */
        static String inWords(Kind kind, String value) {
            if (value == null || value.isEmpty()) {
                return "none";
            }
            return switch (kind) {
                case HOURS -> value + (value.equals("1") ? " hour" : " hours");
                case DAYS -> value + (value.equals("1") ? " day" : " days");
                case CHANNEL -> channelWords(Channel.valueOf(value));
                case CHANNELS ->
                    Arrays.stream(value.split(",\\s*"))
                            .map(name -> channelWords(Channel.valueOf(name)))
                            .collect(Collectors.joining(" or "));
                case DATES, LINES -> value.replace("\n", ", ");
                case NUMBER, DECIMAL, TIME, ZONE, COUNTRY, REGION -> value;
            };
        }
    }

    /** A channel in words, for labels and defaults: never the enum's name. */
    static String channelWords(Channel channel) {
        return switch (channel) {
            case EMAIL -> "e-mail";
            case PHONE -> "phone call";
            case TEXT_MESSAGE -> "text message";
            case LINKEDIN -> "LinkedIn message";
            case FACEBOOK -> "Facebook message";
            case HANDWRITTEN_CARD_BY_HAND -> "handwritten card delivered by hand";
            case HANDWRITTEN_CARD_BY_POST -> "handwritten card by post";
            case PARCEL -> "parcel";
        };
    }

    /** The channels as options, in words. */
    static List<InterviewPages.Option> channelOptions() {
        return Arrays.stream(Channel.values())
                .map(channel -> new InterviewPages.Option(channel.name(), capitalised(channelWords(channel))))
                .toList();
    }

    private static String capitalised(String words) {
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private PolicyForm() {}

    static List<Field> fields(ZoneId zone) {
        return sections(zone).stream()
                .flatMap(section -> section.fields().stream())
                .toList();
    }

    /** The policy in sections, each saved on its own. */
    static List<Section> sections(ZoneId zone) {
        Map<String, String> defaults = values(PolicyDocument.of(AgencyPolicy.defaults(zone), 0));
        return List.of(
                new Section(
                        "thank-you",
                        "Thank-you notes",
                        "When and how the candidate thanks each interviewer.",
                        List.of(
                                field(
                                        defaults,
                                        "thankYouDeadline",
                                        "Thank-you deadline after the interview",
                                        "R1",
                                        Kind.HOURS),
                                field(
                                        defaults,
                                        "idealWindowStart",
                                        "Ideal window opens after the interview",
                                        "R2",
                                        Kind.HOURS),
                                field(
                                        defaults,
                                        "idealWindowEndDaysLater",
                                        "Ideal window closes, days later",
                                        "R2",
                                        Kind.NUMBER),
                                field(defaults, "idealWindowEndTime", "Ideal window closes at", "R2", Kind.TIME),
                                field(defaults, "thankYouChannel", "Channel for thank-yous", "R11", Kind.CHANNEL),
                                field(
                                        defaults,
                                        "thanksAfterRejectionWindow",
                                        "Thank-you after a rejection within",
                                        "R19",
                                        Kind.HOURS))),
                new Section(
                        "status-checks",
                        "Status checks",
                        "When the candidate may ask the company for news, how often, and by which channel.",
                        List.of(
                                field(
                                        defaults,
                                        "spacing",
                                        "Spacing between unanswered follow-ups",
                                        "R7, R9",
                                        Kind.DAYS),
                                field(
                                        defaults,
                                        "statusCheckLimit",
                                        "Unanswered status checks at most",
                                        "R8",
                                        Kind.NUMBER),
                                field(
                                        defaults,
                                        "businessDaysAfterDecision",
                                        "Business days after the decision date",
                                        "R6",
                                        Kind.NUMBER),
                                field(
                                        defaults,
                                        "firstStatusCheckChannel",
                                        "Channel of the first status check",
                                        "R10",
                                        Kind.CHANNEL),
                                field(
                                        defaults,
                                        "laterStatusCheckChannels",
                                        "Channels of later status checks",
                                        "R10",
                                        Kind.CHANNELS))),
                new Section(
                        "working-hours",
                        "Working hours and holidays",
                        "A status check the system proposes opens in working hours on a business day, in the"
                                + " candidate's zone. Breaches are still judged on elapsed time.",
                        List.of(
                                field(defaults, "statusCheckOpensAt", "Working day starts at", "R6, R7, R9", Kind.TIME),
                                field(defaults, "workingDayEnds", "Working day ends at", "R6, R7, R9", Kind.TIME),
                                field(defaults, "holidayCountry", "Public holidays of", "R6", Kind.COUNTRY),
                                field(defaults, "holidayRegion", "Region", "R6", Kind.REGION),
                                field(defaults, "holidays", "Other holidays (not business days)", "R6", Kind.DATES))),
                new Section(
                        "notes",
                        "Notes and addresses",
                        "How thank-you notes are checked, and which addresses count as personal.",
                        List.of(
                                field(
                                        defaults,
                                        "noteAdviceWords",
                                        "Advice when a note is longer than (words)",
                                        "R15",
                                        Kind.NUMBER),
                                field(
                                        defaults,
                                        "noteBreachWords",
                                        "Breach when a note is longer than (words)",
                                        "R15",
                                        Kind.NUMBER),
                                field(
                                        defaults,
                                        "noteSimilarityThreshold",
                                        "Notes this alike or more are copies (0 to 1)",
                                        "R16",
                                        Kind.DECIMAL),
                                field(
                                        defaults,
                                        "freeMailDomains",
                                        "Free-mail domains (not business addresses)",
                                        "R12",
                                        Kind.LINES))),
                new Section(
                        "agency",
                        "Agency and dashboard",
                        "The agency's own zone (reports' weeks) and the debrief it expects.",
                        List.of(
                                new Field("zone", "Agency time zone", "R2, R6", Kind.ZONE, defaults.get("zone")),
                                field(defaults, "debriefWithin", "Debrief within", "R4, R20", Kind.HOURS),
                                field(defaults, "dueSoon", "A step is due soon within", "dashboard", Kind.HOURS))));
    }

    /** The section with {@code id}, if there is one. */
    static Optional<Section> section(ZoneId zone, String id) {
        return sections(zone).stream()
                .filter(section -> section.id().equals(id))
                .findFirst();
    }

    private static Field field(Map<String, String> defaults, String name, String label, String rules, Kind kind) {
        return new Field(name, label, rules, kind, defaults.get(name));
    }

    /** The document's values as the form shows them. */
    static Map<String, String> values(PolicyDocument document) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("zone", document.zone());
        values.put("thankYouDeadline", hours(document.thankYouDeadline()));
        values.put("idealWindowStart", hours(document.idealWindowStart()));
        values.put("idealWindowEndDaysLater", document.idealWindowEndDaysLater().toString());
        values.put("idealWindowEndTime", document.idealWindowEndTime().toString());
        values.put("thankYouChannel", document.thankYouChannel().name());
        values.put("debriefWithin", hours(document.debriefWithin()));
        values.put("spacing", Long.toString(document.spacing().toDays()));
        values.put("statusCheckLimit", document.statusCheckLimit().toString());
        values.put(
                "businessDaysAfterDecision",
                document.businessDaysAfterDecision().toString());
        values.put("statusCheckOpensAt", document.statusCheckOpensAt().toString());
        values.put("firstStatusCheckChannel", document.firstStatusCheckChannel().name());
        values.put(
                "laterStatusCheckChannels",
                document.laterStatusCheckChannels().stream().map(Channel::name).collect(Collectors.joining(", ")));
        values.put("dueSoon", hours(document.dueSoon()));
        values.put("thanksAfterRejectionWindow", hours(document.thanksAfterRejectionWindow()));
        values.put(
                "holidays",
                document.holidays().stream().map(LocalDate::toString).collect(Collectors.joining("\n")));
        values.put("freeMailDomains", String.join("\n", document.freeMailDomains()));
        values.put("noteAdviceWords", document.noteAdviceWords().toString());
        values.put("noteBreachWords", document.noteBreachWords().toString());
        values.put("noteSimilarityThreshold", document.noteSimilarityThreshold().toString());
        values.put(
                "workingDayEnds",
                (document.workingDayEnds() == null ? AgencyPolicy.DEFAULT_WORKING_DAY_ENDS : document.workingDayEnds())
                        .toString());
        values.put("holidayCountry", document.holidayCountry() == null ? "" : document.holidayCountry());
        values.put("holidayRegion", document.holidayRegion() == null ? "" : document.holidayRegion());
        if (document.version() != null) {
            values.put("version", document.version().toString());
        }
        return values;
    }

    /** The typed form as a document, or the errors next to each field that could not be read. */
    static PolicyDocument parse(Map<String, String> values, Map<String, String> errors) {
        Reader reader = new Reader(values, errors);
        PolicyDocument document = new PolicyDocument(
                reader.zone("zone"),
                reader.duration("thankYouDeadline", Duration::ofHours),
                reader.duration("idealWindowStart", Duration::ofHours),
                reader.number("idealWindowEndDaysLater"),
                reader.time("idealWindowEndTime"),
                reader.channel("thankYouChannel"),
                reader.duration("debriefWithin", Duration::ofHours),
                reader.duration("spacing", Duration::ofDays),
                reader.number("statusCheckLimit"),
                reader.number("businessDaysAfterDecision"),
                reader.time("statusCheckOpensAt"),
                reader.channel("firstStatusCheckChannel"),
                reader.channels("laterStatusCheckChannels"),
                reader.duration("dueSoon", Duration::ofHours),
                reader.duration("thanksAfterRejectionWindow", Duration::ofHours),
                reader.dates("holidays"),
                reader.lines("freeMailDomains"),
                reader.number("noteAdviceWords"),
                reader.number("noteBreachWords"),
                reader.decimal("noteSimilarityThreshold"),
                reader.time("workingDayEnds"),
                Texts.blankToNull(values.get("holidayCountry")),
                Texts.blankToNull(values.get("holidayRegion")),
                InterviewPages.parseLong(values.get("version"))
                        .map(Long::intValue)
                        .orElse(null));
        return document;
    }

    private static String hours(Duration duration) {
        // Whole hours as a number; anything finer (set through the API) shown exactly rather than rounded.
        return duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0
                ? Long.toString(duration.toHours())
                : duration.toString();
    }

    /** Reads one field at a time and notes what is wrong with it. */
    private record Reader(Map<String, String> values, Map<String, String> errors) {
        private Optional<String> text(String name, String missing) {
            String value = Texts.blankToNull(values.get(name));
            if (value == null) {
                errors.put(name, missing);
            }
            return Optional.ofNullable(value);
        }

        String zone(String name) {
            Optional<String> value = text(name, "Enter a time zone such as Europe/Berlin.");
            try {
                return value.map(ZoneId::of).map(ZoneId::getId).orElse(null);
            } catch (DateTimeException e) {
                errors.put(name, "Enter a time zone such as Europe/Berlin.");
                return null;
            }
        }

        Integer number(String name) {
            Optional<String> value = text(name, "Enter a whole number.");
            Optional<Long> number = value.flatMap(InterviewPages::parseLong);
            if (value.isPresent() && (number.isEmpty() || number.get() < 0 || number.get() > 100_000)) {
                errors.put(name, "Enter a whole number.");
                return null;
            }
            return number.map(Long::intValue).orElse(null);
        }

        Duration duration(String name, java.util.function.LongFunction<Duration> unit) {
            Optional<String> value = text(name, "Enter a number.");
            if (value.isEmpty()) {
                return null;
            }
            if (value.get().startsWith("P")) {
                try {
                    return Duration.parse(value.get());
                } catch (DateTimeParseException e) {
                    errors.put(name, "Enter a whole number.");
                    return null;
                }
            }
            Integer number = number(name);
            return number == null ? null : unit.apply(number);
        }

        Double decimal(String name) {
            Optional<String> value = text(name, "Enter a number between 0 and 1.");
            try {
                return value.map(Double::valueOf).orElse(null);
            } catch (NumberFormatException e) {
                errors.put(name, "Enter a number between 0 and 1, such as 0.8.");
                return null;
            }
        }

        LocalTime time(String name) {
            Optional<String> value = text(name, "Enter a time such as 09:00.");
            try {
                return value.map(LocalTime::parse).orElse(null);
            } catch (DateTimeParseException e) {
                errors.put(name, "Enter a time such as 09:00.");
                return null;
            }
        }

        Channel channel(String name) {
            Optional<Channel> channel = InterviewPages.parseEnum(Channel.class, values.get(name));
            if (channel.isEmpty()) {
                errors.put(name, "Choose a channel.");
            }
            return channel.orElse(null);
        }

        Set<Channel> channels(String name) {
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            for (String part : values.getOrDefault(name, "").split("[,\\s]+")) {
                if (part.isBlank()) {
                    continue;
                }
                Optional<Channel> channel =
                        InterviewPages.parseEnum(Channel.class, part.trim().toUpperCase(Locale.ROOT));
                if (channel.isEmpty()) {
                    errors.put(
                            name,
                            "'" + part + "' is not a channel; use "
                                    + Arrays.stream(Channel.values())
                                            .map(Channel::name)
                                            .collect(Collectors.joining(", "))
                                    + ".");
                    return null;
                }
                channels.add(channel.get());
            }
            if (channels.isEmpty()) {
                errors.put(name, "Name at least one channel.");
                return null;
            }
            return channels;
        }

        List<LocalDate> dates(String name) {
            List<LocalDate> dates = new ArrayList<>();
            for (String line : lines(name)) {
                Optional<LocalDate> date = Texts.parseDate(line);
                if (date.isEmpty()) {
                    errors.put(name, "'" + line + "' is not a date such as 2026-12-24.");
                    return null;
                }
                dates.add(date.get());
            }
            return List.copyOf(new TreeSet<>(dates));
        }

        List<String> lines(String name) {
            return Arrays.stream(values.getOrDefault(name, "").split("\\R"))
                    .map(String::trim)
                    .filter(line -> !line.isEmpty())
                    .toList();
        }
    }
}
