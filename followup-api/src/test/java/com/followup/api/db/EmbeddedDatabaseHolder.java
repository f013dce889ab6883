package com.followup.api.db;

import io.dropwizard.db.DataSourceFactory;

/**
 * A stand-in for a Followup server in a process of its own: starts the embedded PostgreSQL on the data directory it is
 * given, as {@code server} does, prints {@code ready PORT} and waits to be killed. Tests kill it with SIGKILL to
 * leave what a crashed server leaves.
 */
public final class EmbeddedDatabaseHolder {
    private EmbeddedDatabaseHolder() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedDatabaseFactory factory = new EmbeddedDatabaseFactory();
        factory.setDataDirectory(args[0]);
        DataSourceFactory database = new DataSourceFactory();
        factory.startForServer(database).orElseThrow();
        System.out.println("ready " + database.getUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
