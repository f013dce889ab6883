package com.followup.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/** Who runs this Followup: the name on reports and emails, and the zone of its weeks. */
public class AgencyConfiguration {
    @NotBlank
    private String name = "Followup Agency";

    /** The agency's time zone: ISO weeks of reports, and the zone of the policy's defaults. */
    @NotBlank
    private String zone = "Europe/London";

    @JsonProperty
    public String getName() {
        return name;
    }

    @JsonProperty
    public void setName(String name) {
        this.name = name;
    }

    @JsonProperty
    public String getZone() {
        return zone;
    }

    @JsonProperty
    public void setZone(String zone) {
        this.zone = zone;
    }
}
