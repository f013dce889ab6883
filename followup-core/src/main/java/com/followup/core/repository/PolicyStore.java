package com.followup.core.repository;

import com.followup.core.policy.AgencyPolicy;

/** The agency's current policy: the defaults of every rule as the agency set them. */
public interface PolicyStore {
    AgencyPolicy current();
}
