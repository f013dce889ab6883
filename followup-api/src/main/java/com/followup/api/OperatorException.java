package com.followup.api;

import io.dropwizard.core.cli.Cli;
import java.io.PrintWriter;

/**
 * A failure the person running a command can fix, with a message that says how, in one line: another server holds the
 * data directory, a file is not a backup, the database is not empty. Commands print its message alone, never a stack
 * trace ({@link #print}); anything else is a bug and keeps its stack trace.
 */
public class OperatorException extends RuntimeException {
    public OperatorException(String message) {
        super(message);
    }

    public OperatorException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What a command's {@code onError} does: the message of an {@code OperatorException} anywhere in the cause chain
     * on one line, or the whole stack trace of anything else.
     */
    public static void print(Cli cli, Throwable failure) {
        print(cli, "", failure);
    }

    /** As {@link #print(Cli, Throwable)}, the line starting with the command's name ({@code "generate: …"}). */
    public static void print(Cli cli, String command, Throwable failure) {
        PrintWriter err = cli.getStdErr();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OperatorException operator) {
                err.println((command.isEmpty() ? "" : command + ": ") + operator.getMessage());
                err.flush();
                return;
            }
        }
        failure.printStackTrace(err);
        err.flush();
    }
}
