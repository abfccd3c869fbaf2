package io.headroom.explorer.access;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.headroom.explorer.catalog.CatalogException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The folders an admin marked private (each with its subfolders). Read on every access resolution, so
 * kept in memory: reloaded at once after a change here, within {@link #STALENESS} after one on another
 * instance (whose change also invalidates the shared response cache).
 */
public final class PrivateFolders {
    static final Duration STALENESS = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final LoadingCache<String, List<String>> current;

    public PrivateFolders(DataSource dataSource) {
        this.dataSource = dataSource;
        this.current = Caffeine.newBuilder().refreshAfterWrite(STALENESS).build(all -> load());
    }

    /** The private folders, sorted. */
    public List<String> list() {
        return current.get("");
    }

    /** Replaces the whole set in one transaction. */
    public void replace(List<String> folders) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM private_folders");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO private_folders (folder) VALUES (?)")) {
                delete.executeUpdate();
                for (String folder : folders.stream().distinct().toList()) {
                    insert.setString(1, folder);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException("Cannot store the private folders", e);
        }
        current.invalidateAll();
    }

    private List<String> load() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT folder FROM private_folders ORDER BY folder");
                ResultSet rs = ps.executeQuery()) {
            List<String> folders = new ArrayList<>();
            while (rs.next()) {
                folders.add(rs.getString(1));
            }
            return List.copyOf(folders);
        } catch (SQLException e) {
            throw new CatalogException("Cannot read the private folders", e);
        }
    }
}
