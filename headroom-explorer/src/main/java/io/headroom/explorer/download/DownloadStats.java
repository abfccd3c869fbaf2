package io.headroom.explorer.download;

import io.headroom.explorer.catalog.CatalogException;
import io.headroom.explorer.catalog.VisibleFolders;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Download counts per type for many datasets in one grouped query (the (dataset_id, type) index). */
public final class DownloadStats {
    public record Counts(long sample, long full, long metadata, long total) {
        static final Counts NONE = new Counts(0, 0, 0, 0);
    }

    private final DataSource dataSource;

    public DownloadStats(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every id gets an entry: zeros for one never downloaded, and for one that does not exist or is
     * outside the visible folders (so the answer does not tell those apart).
     */
    // counts[] is indexed by the download type's declaration order, and only within this method
    @SuppressWarnings("EnumOrdinal")
    public Map<Long, Counts> of(List<Long> ids, VisibleFolders visible) {
        Map<Long, long[]> raw = new LinkedHashMap<>();
        ids.forEach(id -> raw.put(id, new long[3]));
        if (!ids.isEmpty()) {
            List<String> folders = visible.only().orElse(List.of());
            String sql =
                    "SELECT l.dataset_id, l.type, count(*) FROM download_log l JOIN datasets d ON d.id = l.dataset_id"
                            + " WHERE l.dataset_id IN (" + "?, ".repeat(ids.size() - 1) + "?)"
                            + (visible.isAll()
                                    ? ""
                                    : folders.isEmpty()
                                            ? " AND 1 = 0"
                                            : " AND d.folder IN (" + "?, ".repeat(folders.size() - 1) + "?)")
                            + " GROUP BY l.dataset_id, l.type";
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(sql)) {
                int index = 1;
                for (long id : ids) {
                    ps.setLong(index++, id);
                }
                for (String folder : folders) {
                    ps.setString(index++, folder);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] counts = raw.get(rs.getLong(1));
                        DownloadType.fromApiName(rs.getString(2)).ifPresent(t -> counts[t.ordinal()] += getLong(rs));
                    }
                }
            } catch (SQLException e) {
                throw new CatalogException("Cannot count downloads", e);
            }
        }
        Map<Long, Counts> result = new LinkedHashMap<>();
        raw.forEach((id, c) -> result.put(id, new Counts(c[0], c[1], c[2], c[0] + c[1] + c[2])));
        return result;
    }

    private static long getLong(ResultSet rs) {
        try {
            return rs.getLong(3);
        } catch (SQLException e) {
            throw new CatalogException("Cannot read a download count", e);
        }
    }
}
