package dev.kysera.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A throwaway primary and a replica of it on loopback, started by a test: where to reach each. */
interface ReplicaPair extends AutoCloseable {

    String primaryUrl();

    String replicaUrl();

    default Connection primary() throws SQLException {
        return DriverManager.getConnection(primaryUrl());
    }

    default Connection replica() throws SQLException {
        return DriverManager.getConnection(replicaUrl());
    }
}
