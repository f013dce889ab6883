package com.followup.api.backup;

import com.followup.api.OperatorException;

/**
 * An expected reason for {@code backup} or {@code restore} to stop (a missing or damaged file, a database that is not
 * empty, other sessions), told to the operator in one line without a stack trace; nothing was written or restored.
 */
public final class BackupRefused extends OperatorException {
    public BackupRefused(String message) {
        super(message);
    }
}
