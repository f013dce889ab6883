package com.followup.api.settings;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The request and response bodies of the notification settings, moved unchanged from
 * {@code NotificationSettingsResource} (their simple names are the OpenAPI schema names).
 */
public final class SettingsBodies {
    private SettingsBodies() {}

    /**
     * @param recruiterDigestHour the hour in force, in the agency's time zone
     * @param configuredDigestHour the configuration's hour, in force while no admin has set one
     * @param setByAdmin whether {@code recruiterDigestHour} is the admins' choice
     */
    public record SettingsView(int recruiterDigestHour, int configuredDigestHour, boolean setByAdmin, int version) {}

    /** A null hour goes back to the configured one. */
    public record SettingsChange(@Min(0) @Max(23) Integer recruiterDigestHour, Integer version) {}
}
