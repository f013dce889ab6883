package com.followup.api.cache;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method whose writes mark this server's caches themselves once they commit ({@link
 * ChangeFeed#changedHere}), naming every candidate and interview they changed: its answer leaves without waiting for
 * the database's notification of the write to come back ({@link LocalWrites}, issue 18). Only for writes whose every
 * watched change is a row of those candidates' interviews (no table-wide change: a company, a contact, a user, the
 * policy; no candidate's own row).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MarksItsChanges {}
