package com.followup.core.time;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A country's public holidays (R6 and the working hours of proposed status checks), besides the agency's own typed
 * list. Core only asks whether a date is a holiday; where the dates come from (a maintained library, see decision
 * 0028) is the application's business, so core stays plain Java.
 */
public interface HolidayCalendar {
    /** No public holidays: only the agency's typed list counts. */
    HolidayCalendar NONE = new HolidayCalendar() {
        @Override
        public boolean isHoliday(LocalDate date) {
            return false;
        }

        @Override
        public Optional<String> country() {
            return Optional.empty();
        }

        @Override
        public Optional<String> region() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "no public holidays";
        }
    };

    boolean isHoliday(LocalDate date);

    /** The ISO 3166 country code whose public holidays these are, empty for {@link #NONE}. */
    Optional<String> country();

    /** The region inside the country (a German state, a US state...), empty for the whole country. */
    Optional<String> region();
}
