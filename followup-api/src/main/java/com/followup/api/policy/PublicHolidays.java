package com.followup.api.policy;

import static java.util.Objects.requireNonNull;

import com.followup.core.time.HolidayCalendar;
import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The public-holiday calendars an agency can pick per country (R6 and the working hours of proposed status checks),
 * read from the maintained jollyday library (decision 0028). Core sees only {@link HolidayCalendar}: this class is the
 * adapter, so the library stays out of {@code followup-core}.
 *
 * <p>Countries are ISO 3166 alpha-2 codes in upper case ({@code DE}); regions are jollyday's lower-case subdivision
 * ids ({@code by} for Bavaria). Only public holidays count: bank holidays and observances are working days.
 */
public final class PublicHolidays {
    /** A country the agency can pick, with its English name and its regions (id to name), in name order. */
    public record Country(String code, String name, Map<String, String> regions) {}

    /** A country or region without a calendar; {@link #field()} names the policy's field that holds it. */
    public static final class UnknownCalendarException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        UnknownCalendarException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private static final Map<String, JollydayCalendar> CALENDARS = new ConcurrentHashMap<>();
    private static volatile List<Country> countries;

    private PublicHolidays() {}

    /** Every country jollyday has a calendar for, by English name. Exchanges (NYSE, TARGET...) are left out. */
    public static List<Country> countries() {
        List<Country> known = countries;
        if (known == null) {
            Set<String> iso = Set.of(Locale.getISOCountries());
            known = HolidayManager.getSupportedCalendarCodes().stream()
                    .map(code -> code.toUpperCase(Locale.ROOT))
                    .filter(iso::contains)
                    .map(code -> new Country(code, countryName(code), regionsOf(code)))
                    .sorted(Comparator.comparing(Country::name))
                    .toList();
            countries = known;
        }
        return known;
    }

    public static Optional<Country> country(String code) {
        return countries().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The English name of {@code code} ("DE" -> "Germany"), or the code itself when the JDK has no name for it. */
    public static String countryName(String code) {
        String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
        return name.isBlank() ? code : name;
    }

    /**
     * The calendar of {@code country} (and {@code region} inside it, may be null), or {@link HolidayCalendar#NONE}
     * when {@code country} is null. Throws IllegalArgumentException for a country or region jollyday does not know.
     */
    public static HolidayCalendar calendar(String country, String region) {
        if (country == null || country.isBlank()) {
            if (region != null && !region.isBlank()) {
                throw new UnknownCalendarException("holidayRegion", "a region needs a country");
            }
            return HolidayCalendar.NONE;
        }
        Country known = country(country.strip().toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new UnknownCalendarException(
                        "holidayCountry", country + " is not a country with a public-holiday calendar"));
        String regionId =
                region == null || region.isBlank() ? null : region.strip().toLowerCase(Locale.ROOT);
        if (regionId != null && !known.regions().containsKey(regionId)) {
            throw new UnknownCalendarException(
                    "holidayRegion", region + " is not a region of " + known.name() + " (" + known.code() + ")");
        }
        return CALENDARS.computeIfAbsent(
                known.code() + (regionId == null ? "" : "/" + regionId),
                key -> new JollydayCalendar(known.code(), regionId));
    }

    private static Map<String, String> regionsOf(String code) {
        CalendarHierarchy hierarchy = manager(code).getCalendarHierarchy();
        return hierarchy.getChildren().values().stream()
                .sorted(Comparator.comparing(child -> child.getDescription(Locale.ENGLISH)))
                .collect(Collectors.toMap(
                        CalendarHierarchy::getId,
                        child -> child.getDescription(Locale.ENGLISH),
                        (left, right) -> left,
                        LinkedHashMap::new));
    }

    private static HolidayManager manager(String code) {
        return HolidayManager.getInstance(ManagerParameters.create(code.toLowerCase(Locale.ROOT)));
    }

    /**
     * One country's (and region's) public holidays, computed a year at a time and kept: the answer for a date never
     * changes, so the plan stays a pure function of its inputs.
     */
    private static final class JollydayCalendar implements HolidayCalendar {
        private final String country;
        private final String region;
        private final HolidayManager manager;
        private final Map<Integer, Set<LocalDate>> years = new ConcurrentHashMap<>();

        JollydayCalendar(String country, String region) {
            this.country = requireNonNull(country, "country is null");
            this.region = region;
            this.manager = manager(country);
        }

        @Override
        public boolean isHoliday(LocalDate date) {
            return years.computeIfAbsent(date.getYear(), this::holidaysOf).contains(date);
        }

        private Set<LocalDate> holidaysOf(int year) {
            String[] args = region == null ? new String[0] : new String[] {region};
            Set<LocalDate> dates = new HashSet<>();
            for (Holiday holiday : manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, args)) {
                // A holiday on a weekend may be observed on a weekday: both are days off.
                dates.add(holiday.getDate());
                dates.add(holiday.getActualDate());
            }
            return Set.copyOf(dates);
        }

        @Override
        public Optional<String> country() {
            return Optional.of(country);
        }

        @Override
        public Optional<String> region() {
            return Optional.ofNullable(region);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof JollydayCalendar that
                    && country.equals(that.country)
                    && Objects.equals(region, that.region);
        }

        @Override
        public int hashCode() {
            return Objects.hash(country, region);
        }

        @Override
        public String toString() {
            return "public holidays of " + country + (region == null ? "" : "/" + region);
        }
    }
}
