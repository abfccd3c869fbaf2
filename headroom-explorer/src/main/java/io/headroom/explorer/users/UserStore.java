package io.headroom.explorer.users;

import io.headroom.explorer.catalog.CatalogException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The users, their folder grants and API keys, in the catalog database. Plain, parameterised JDBC. */
public final class UserStore {
    private static final String COLUMNS = "u.id, u.username, u.role, u.enabled, u.created_at, u.password_changed_at";

    private final DataSource dataSource;

    public UserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A user with its stored hash, for the login check only. */
    public record Credentials(User user, String passwordHash) {}

    /** Thrown when a user name is already taken (the unique key says so, whatever the race). */
    public static final class NameTakenException extends RuntimeException {
        NameTakenException(String name) {
            super("The user name '" + name + "' is taken", null, false, false);
        }
    }

    public User create(String username, String passwordHash, Role role, List<String> folders) {
        long id = insert(username, passwordHash, role, folders);
        return find(id).orElseThrow(); // after the insert's connection is back: a pool of one must not deadlock
    }

    private long insert(String username, String passwordHash, Role role, List<String> folders) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (findId(c, username).isPresent()) {
                    throw new NameTakenException(username);
                }
                long id;
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO users (username, password_hash, role, enabled, created_at, password_changed_at) "
                                + "VALUES (?, ?, ?, TRUE, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    OffsetDateTime now = now();
                    ps.setString(1, username);
                    ps.setString(2, passwordHash);
                    ps.setString(3, role.apiName());
                    ps.setObject(4, now);
                    ps.setObject(5, now);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                replaceGrants(c, id, folders);
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException sql && isUniqueViolation(sql)) {
                    throw new NameTakenException(username);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot create user " + username, e);
        }
    }

    public Optional<User> find(long id) {
        return one("SELECT " + COLUMNS + " FROM users u WHERE u.id = ?", id);
    }

    public Optional<Credentials> credentials(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + COLUMNS + ", u.password_hash FROM users u WHERE u.username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                User user = read(rs, grants(c, rs.getLong(1)));
                return Optional.of(new Credentials(user, rs.getString(7)));
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot read user " + username, e);
        }
    }

    /** One page of users by id. */
    public List<User> list(long offset, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM users u ORDER BY u.id LIMIT ? OFFSET ?")) {
            ps.setInt(1, limit);
            ps.setLong(2, offset);
            List<User> users = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    users.add(read(rs, grants(c, rs.getLong(1))));
                }
            }
            return users;
        } catch (SQLException e) {
            throw new CatalogException("Cannot list users", e);
        }
    }

    public long count() {
        return longQuery("SELECT count(*) FROM users");
    }

    /** How many enabled admins there are: the last one may be neither demoted, disabled nor deleted. */
    public long enabledAdmins() {
        return longQuery("SELECT count(*) FROM users WHERE role = 'admin' AND enabled = TRUE");
    }

    /** Applies the changes in one transaction; empty when there is no such user. */
    public Optional<User> update(long id, UserChanges changes) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!exists(c, id)) {
                    c.rollback();
                    return Optional.empty();
                }
                if (changes.passwordHash().isPresent()) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?")) {
                        ps.setString(1, changes.passwordHash().get());
                        ps.setObject(2, now());
                        ps.setLong(3, id);
                        ps.executeUpdate();
                    }
                }
                if (changes.role().isPresent()) {
                    update(
                            c,
                            "UPDATE users SET role = ? WHERE id = ?",
                            changes.role().get().apiName(),
                            id);
                }
                if (changes.enabled().isPresent()) {
                    update(
                            c,
                            "UPDATE users SET enabled = ? WHERE id = ?",
                            changes.enabled().get(),
                            id);
                }
                if (changes.folders().isPresent()) {
                    replaceGrants(c, id, changes.folders().get());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot update user " + id, e);
        }
        return find(id);
    }

    /** Deletes the user (its grants and keys with it); false when there was none. */
    public boolean delete(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new CatalogException("Cannot delete user " + id, e);
        }
    }

    public long createApiKey(long userId, String name, String scope, String keyHash) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO api_keys (user_id, name, scope, key_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, userId);
            ps.setString(2, name);
            ps.setString(3, scope);
            ps.setString(4, keyHash);
            ps.setObject(5, now());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot create an API key for user " + userId, e);
        }
    }

    /** A stored key and the hash of its secret. */
    public record StoredKey(ApiKey key, String keyHash) {}

    public Optional<StoredKey> apiKey(long keyId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, user_id, name, scope, created_at, key_hash FROM api_keys WHERE id = ?")) {
            ps.setLong(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredKey(readKey(rs), rs.getString(6))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot read API key " + keyId, e);
        }
    }

    public List<ApiKey> apiKeys(long userId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, user_id, name, scope, created_at FROM api_keys WHERE user_id = ? ORDER BY id")) {
            ps.setLong(1, userId);
            List<ApiKey> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(readKey(rs));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new CatalogException("Cannot list the API keys of user " + userId, e);
        }
    }

    public boolean deleteApiKey(long userId, long keyId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM api_keys WHERE id = ? AND user_id = ?")) {
            ps.setLong(1, keyId);
            ps.setLong(2, userId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new CatalogException("Cannot delete API key " + keyId, e);
        }
    }

    private static ApiKey readKey(ResultSet rs) throws SQLException {
        return new ApiKey(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant());
    }

    private Optional<User> one(String sql, long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, grants(c, rs.getLong(1)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot read user " + id, e);
        }
    }

    private static User read(ResultSet rs, List<String> folders) throws SQLException {
        return new User(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getBoolean(4),
                folders,
                rs.getObject(5, OffsetDateTime.class).toInstant(),
                rs.getObject(6, OffsetDateTime.class).toInstant());
    }

    private static List<String> grants(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT folder FROM user_folder_grants WHERE user_id = ? ORDER BY folder")) {
            ps.setLong(1, userId);
            List<String> folders = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    folders.add(rs.getString(1));
                }
            }
            return folders;
        }
    }

    private static void replaceGrants(Connection c, long userId, List<String> folders) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_folder_grants WHERE user_id = ?")) {
            ps.setLong(1, userId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO user_folder_grants (user_id, folder) VALUES (?, ?)")) {
            for (String folder : folders.stream().distinct().toList()) {
                ps.setLong(1, userId);
                ps.setString(2, folder);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Optional<Long> findId(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static boolean exists(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void update(Connection c, String sql, Object value, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, value);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private long longQuery(String sql) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new CatalogException("User query failed", e);
        }
    }

    /** SQLState 23505: unique violation, in PostgreSQL and H2 alike. */
    private static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }
}
