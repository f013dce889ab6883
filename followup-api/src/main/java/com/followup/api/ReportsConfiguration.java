package com.followup.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * The weekly report's schedule (issue #5): by default every Monday at 07:00 in the agency's zone, for the week that
 * just ended. Any number of servers may run it; the week is produced and sent once.
 */
public class ReportsConfiguration {
    private boolean enabled = true;

    @NotNull
    private DayOfWeek day = DayOfWeek.MONDAY;

    @NotNull
    @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]")
    private String time = "07:00";

    /** How often a server looks whether the weekly run is due. */
    @Min(1)
    private int checkEverySeconds = 60;

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public DayOfWeek getDay() {
        return day;
    }

    @JsonProperty
    public void setDay(DayOfWeek day) {
        this.day = day;
    }

    @JsonProperty
    public String getTime() {
        return time;
    }

    @JsonProperty
    public void setTime(String time) {
        this.time = time;
    }

    public LocalTime localTime() {
        return LocalTime.parse(time);
    }

    @JsonProperty
    public int getCheckEverySeconds() {
        return checkEverySeconds;
    }

    @JsonProperty
    public void setCheckEverySeconds(int checkEverySeconds) {
        this.checkEverySeconds = checkEverySeconds;
    }
}
