package io.fenqun.profile.importing;

import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Caller;
import io.fenqun.profile.customer.ContactNormalizer;
import io.fenqun.profile.importing.ImportJob.Status;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs imports as background jobs, one at a time per service (and across replicas through an
 * advisory lock), in batches: each batch is one transaction that writes rows and their feed
 * events together, or — in a dry run — is rolled back so only the error report remains.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final long IMPORT_LOCK = 0x46454e51554eL; // "FENQUN": imports never interleave

    private final ImportJobStore jobs;
    private final ContactNormalizer contacts;
    private final ZoneId businessZone;
    private final int batchSize;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "import-worker"));

    public ImportService(
            ImportJobStore jobs,
            @ConfigProperty(name = "fenqun.phone.default-region", defaultValue = "CN") String region,
            @ConfigProperty(name = "fenqun.business-zone", defaultValue = "Asia/Shanghai") ZoneId businessZone,
            @ConfigProperty(name = "fenqun.import.batch-size", defaultValue = "20000") int batchSize) {
        this.jobs = jobs;
        this.contacts = new ContactNormalizer(region);
        this.businessZone = businessZone;
        this.batchSize = batchSize;
    }

    void recoverInterrupted(@Observes StartupEvent startup) throws SQLException {
        int interrupted = jobs.failInterrupted();
        if (interrupted > 0) {
            LOG.warnf("%d import job(s) were interrupted by the last shutdown and are marked FAILED", interrupted);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Checks the request, records the job and queues it; the file now belongs to the job. */
    public ImportJob start(
            ImportKind kind,
            String declaredFormat,
            String source,
            boolean dryRun,
            Map<String, String> mapping,
            Path file,
            String fileName,
            Caller caller)
            throws IOException, SQLException {
        long size = Files.size(file);
        if (size == 0) {
            throw ProblemException.badRequest("The file is empty");
        }
        // The HTTP layer deletes its upload when the request ends; the job outlives the request.
        Path owned = Files.move(
                file, Files.createTempFile("fenqun-import-", ".upload"), StandardCopyOption.REPLACE_EXISTING);
        ImportFormat format;
        ColumnMapping columns;
        try (InputStream in = Files.newInputStream(owned)) {
            format = ImportFormat.detect(declaredFormat, in.readNBytes(8));
            columns = ColumnMapping.of(kind, mapping);
        } catch (IllegalArgumentException e) {
            Files.delete(owned);
            throw ProblemException.badRequest(e.getMessage());
        }
        Charset charset = format == ImportFormat.XLSX ? null : TextDecoding.detect(owned);
        String effectiveSource = caller.partnerSource() != null ? caller.partnerSource() : source;
        ImportJob job = new ImportJob(
                Ids.newId(),
                kind,
                format,
                effectiveSource,
                dryRun,
                Status.QUEUED,
                fileName,
                size,
                0,
                charset == null ? null : charset.name(),
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                caller.userId(),
                null,
                null,
                null);
        jobs.create(job);
        worker.submit(() -> run(job, columns, owned, charset));
        return jobs.find(job.id());
    }

    private void run(ImportJob job, ColumnMapping columns, Path file, Charset charset) {
        try {
            jobs.started(job.id());
            execute(job, columns, file, charset);
            jobs.finished(job.id(), Status.SUCCEEDED, null);
        } catch (Exception e) {
            LOG.errorf(e, "import %s failed", job.id());
            try {
                jobs.finished(job.id(), Status.FAILED, "the import stopped: " + rootMessage(e));
            } catch (SQLException f) {
                LOG.error("could not record the failure of import " + job.id(), f);
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("could not delete import file " + file, e);
            }
        }
    }

    private void execute(ImportJob job, ColumnMapping columns, Path file, Charset charset)
            throws SQLException, IOException {
        RecordParser parser = new RecordParser(columns, contacts, job.source(), businessZone);
        ImportCounts counts = new ImportCounts();
        try (Connection data = jobs.dataSource().getConnection();
                Connection report = jobs.dataSource().getConnection()) {
            data.setAutoCommit(false);
            Pipeline pipeline = job.kind() == ImportKind.CUSTOMERS
                    ? new Pipeline.Customers(parser, batchSize)
                    : new Pipeline.Orders(parser, batchSize);
            List<RowError> errors = new ArrayList<>();
            Batches batches = records -> {
                BatchResult result = writeBatch(data, job, pipeline, records);
                counts.add(result);
                errors.addAll(result.rejected());
                jobs.errors(report, job.id(), errors);
                errors.clear();
                jobs.progress(report, job.id(), counts);
            };
            SourceRows.read(
                    job.format(),
                    file,
                    charset == null ? StandardCharsets.UTF_8 : charset,
                    row -> {
                        counts.read++;
                        List<RowError> rowErrors = pipeline.accept(row);
                        if (rowErrors.isEmpty()) {
                            counts.valid++;
                        } else {
                            counts.invalid++;
                            errors.addAll(rowErrors);
                        }
                        try {
                            if (pipeline.batchReady()) {
                                batches.write(pipeline.takeBatch());
                            }
                        } catch (SQLException | IOException e) {
                            throw new BatchFailure(e);
                        }
                    },
                    bytes -> counts.bytesRead = bytes);
            batches.write(pipeline.takeAll());
            jobs.errors(report, job.id(), errors);
            jobs.progress(report, job.id(), counts);
        } catch (BatchFailure e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw (IOException) e.getCause();
        }
    }

    private static BatchResult writeBatch(Connection data, ImportJob job, Pipeline pipeline, List<?> records)
            throws SQLException, IOException {
        if (records.isEmpty()) {
            return new BatchResult(0, 0, 0, List.of());
        }
        try (Statement lock = data.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(" + IMPORT_LOCK + ")");
            BatchResult result = pipeline.write(data, records);
            if (job.dryRun()) {
                data.rollback();
            } else {
                data.commit();
            }
            return result;
        } catch (SQLException | IOException | RuntimeException e) {
            data.rollback();
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @FunctionalInterface
    private interface Batches {
        void write(List<?> records) throws SQLException, IOException;
    }

    /** Carries a checked failure out of the row callback. */
    private static final class BatchFailure extends RuntimeException {
        BatchFailure(Exception cause) {
            super(cause);
        }
    }
}
