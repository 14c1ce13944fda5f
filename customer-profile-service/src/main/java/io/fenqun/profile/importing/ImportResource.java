package io.fenqun.profile.importing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.File;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/imports")
@Tag(name = "Imports", description = "Bulk import of customers and orders from CSV (UTF-8 or GBK), XLSX or JSON Lines")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ImportResource {

    private final ImportService imports;
    private final ImportJobStore jobs;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public ImportResource(ImportService imports, ImportJobStore jobs, SecurityIdentity identity, ObjectMapper json) {
        this.imports = imports;
        this.jobs = jobs;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.PARTNER})
    @Operation(
            summary = "Start an import",
            description = "Send the file as the request body. The import runs in the background: follow "
                    + "`Location`. With dryRun=true every row is checked (including against existing data) "
                    + "and nothing but the report is kept. Rows match existing customers by (source, external id), "
                    + "then phone, then email; re-running a file changes nothing.")
    public Response start(
            @Parameter(description = "customers or orders", required = true) @QueryParam("kind") String kind,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @Parameter(description = "whose external ids the file holds") @QueryParam("source") @DefaultValue("import")
                    String source,
            @Parameter(description = "csv, xlsx or jsonl; detected when absent") @QueryParam("format") String format,
            @Parameter(description = "JSON object from file header to field, e.g. {\"客户\":\"name\"}")
                    @QueryParam("mapping")
                    String mapping,
            @QueryParam("fileName") String fileName,
            File body,
            UriInfo uri)
            throws IOException, SQLException {
        ImportJob job = imports.start(
                kind(kind), format, source(source), dryRun, mapping(mapping), body.toPath(), fileName, caller());
        return Response.accepted(job)
                .location(uri.getAbsolutePathBuilder().path(job.id().toString()).build())
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.PARTNER})
    @Operation(summary = "An import's status and progress")
    public ImportJob get(@PathParam("id") String id) throws SQLException {
        return visible(Ids.parse(id, "Import"));
    }

    @GET
    @Path("/{id}/errors")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.PARTNER})
    @Operation(
            summary = "The per-row error report",
            description = "Row numbers as in the file (the CSV/XLSX header is row 1).")
    public Page<RowError> errors(
            @PathParam("id") String id, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor)
            throws SQLException {
        UUID jobId = Ids.parse(id, "Import");
        visible(jobId);
        PageRequest page = PageRequest.of(limit, cursor);
        long afterRow = 0;
        String afterColumn = "";
        if (page.after() != null) {
            int bar = page.after().indexOf('|');
            try {
                afterRow = Long.parseLong(page.after().substring(0, bar));
                afterColumn = page.after().substring(bar + 1);
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
            }
        }
        List<RowError> fetched = jobs.errorPage(jobId, afterRow, afterColumn, page.fetchSize());
        return page.page(fetched, e -> e.row() + "|" + e.column());
    }

    private ImportJob visible(UUID id) throws SQLException {
        ImportJob job = jobs.find(id);
        Caller caller = caller();
        if (job == null
                || (caller.partnerSource() != null && !caller.partnerSource().equals(job.source()))) {
            throw ProblemException.notFound("Import", id);
        }
        return job;
    }

    private static ImportKind kind(String kind) {
        if (kind == null) {
            throw ProblemException.invalidField("kind", "is required: customers or orders");
        }
        try {
            return ImportKind.valueOf(kind.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("kind", "must be customers or orders");
        }
    }

    private static String source(String source) {
        if (source.isBlank() || source.length() > 50) {
            throw ProblemException.invalidField("source", "must be 1 to 50 characters");
        }
        return source.trim();
    }

    private Map<String, String> mapping(String mapping) {
        if (mapping == null || mapping.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(mapping, new TypeReference<Map<String, String>>() {});
        } catch (IOException e) {
            throw ProblemException.invalidField("mapping", "must be a JSON object from header to field name");
        }
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
