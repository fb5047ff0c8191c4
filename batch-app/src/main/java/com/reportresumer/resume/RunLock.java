package com.reportresumer.resume;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * One run at a time across every instance that shares the database: a PostgreSQL session advisory lock, held on a
 * dedicated connection for the whole run and released when it ends (or when the process dies and its connection
 * closes).
 */
@Component
public class RunLock {

    /** The advisory lock key: "resumer" in ASCII. */
    static final long KEY = 0x726573756d6572L;

    private final DataSource dataSource;

    RunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lock, or empty when another execution holds it. */
    public Optional<Held> tryAcquire() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        Held held = new Held(connection);
                        connection = null;
                        return Optional.of(held);
                    }
                    return Optional.empty();
                }
            }
        }
        catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot take the run lock: " + e.getMessage(), e);
        }
        finally {
            closeQuietly(connection);
        }
    }

    /** The held lock; closing it releases the lock and returns the connection. */
    public static final class Held implements AutoCloseable {

        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, KEY);
                ps.execute();
            }
            catch (SQLException e) {
                // the connection is gone, and with it the session lock
            }
            finally {
                closeQuietly(connection);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            }
            catch (SQLException ignored) {
                // nothing more to do
            }
        }
    }
}
