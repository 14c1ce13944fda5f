package io.fenqun.profile.importing;

import io.agroal.api.AgroalDataSource;
import io.fenqun.profile.importing.ImportJob.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Import jobs and error reports over JDBC: imports are bulk work on worker threads (COPY has no
 * reactive API), so their bookkeeping uses the same blocking connection pool.
 */
@ApplicationScoped
public class ImportJobStore {

    private final AgroalDataSource db;

    public ImportJobStore(AgroalDataSource db) {
        this.db = db;
    }

    AgroalDataSource dataSource() {
        return db;
    }

    void create(ImportJob job) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("INSERT INTO import_job (id, kind, format, source, dry_run,"
                        + " status, file_name, file_bytes, charset, created_by) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            p.setObject(1, job.id());
            p.setString(2, job.kind().name());
            p.setString(3, job.format().name());
            p.setString(4, job.source());
            p.setBoolean(5, job.dryRun());
            p.setString(6, job.status().name());
            p.setString(7, job.fileName());
            p.setLong(8, job.fileBytes());
            p.setString(9, job.charset());
            p.setString(10, job.createdBy());
            p.executeUpdate();
        }
    }

    public ImportJob find(UUID id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT * FROM import_job WHERE id = ?")) {
            p.setObject(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    void started(UUID id) throws SQLException {
        update("UPDATE import_job SET status = 'RUNNING', started_at = now() WHERE id = ?", id);
    }

    void progress(Connection c, UUID id, ImportCounts counts) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE import_job SET rows_read = ?, rows_valid = ?,"
                        + " rows_invalid = ?, created_count = ?, updated_count = ?, unchanged_count = ?, bytes_read = ? WHERE id = ?")) {
            p.setLong(1, counts.read);
            p.setLong(2, counts.valid);
            p.setLong(3, counts.invalid);
            p.setLong(4, counts.created);
            p.setLong(5, counts.updated);
            p.setLong(6, counts.unchanged);
            p.setLong(7, counts.bytesRead);
            p.setObject(8, id);
            p.executeUpdate();
        }
    }

    void errors(Connection c, UUID id, List<RowError> errors) throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO import_error (job_id, row_number, column_name,"
                + " reason) VALUES (?,?,?,?) ON CONFLICT DO NOTHING")) {
            for (RowError e : errors) {
                p.setObject(1, id);
                p.setLong(2, e.row());
                p.setString(3, e.column());
                p.setString(4, e.reason());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    void finished(UUID id, Status status, String failure) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "UPDATE import_job SET status = ?, failure = ?, finished_at = now() WHERE id = ?")) {
            p.setString(1, status.name());
            p.setString(2, failure);
            p.setObject(3, id);
            p.executeUpdate();
        }
    }

    /** Jobs a crash or restart interrupted; re-running their file is safe, so they are just marked. */
    int failInterrupted() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("UPDATE import_job SET status = 'FAILED', finished_at = now(),"
                        + " failure = 'interrupted by a restart; run the file again (re-running is safe)'"
                        + " WHERE status IN ('QUEUED', 'RUNNING')")) {
            return p.executeUpdate();
        }
    }

    /** Error rows after (row, column), in file order. */
    public List<RowError> errorPage(UUID id, long afterRow, String afterColumn, int fetch) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT row_number, column_name, reason FROM import_error"
                        + " WHERE job_id = ? AND (row_number, column_name) > (?, ?)"
                        + " ORDER BY row_number, column_name LIMIT ?")) {
            p.setObject(1, id);
            p.setLong(2, afterRow);
            p.setString(3, afterColumn);
            p.setInt(4, fetch);
            List<RowError> page = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    page.add(new RowError(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return page;
        }
    }

    private void update(String sql, UUID id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, id);
            p.executeUpdate();
        }
    }

    private static ImportJob read(ResultSet rs) throws SQLException {
        return new ImportJob(
                rs.getObject("id", UUID.class),
                ImportKind.valueOf(rs.getString("kind")),
                ImportFormat.valueOf(rs.getString("format")),
                rs.getString("source"),
                rs.getBoolean("dry_run"),
                Status.valueOf(rs.getString("status")),
                rs.getString("file_name"),
                rs.getLong("file_bytes"),
                rs.getLong("bytes_read"),
                rs.getString("charset"),
                rs.getLong("rows_read"),
                rs.getLong("rows_valid"),
                rs.getLong("rows_invalid"),
                rs.getLong("created_count"),
                rs.getLong("updated_count"),
                rs.getLong("unchanged_count"),
                rs.getString("failure"),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class));
    }
}
