package io.fenqun.profile.duplicate;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which customer record to fold into the one named in the path. */
@Schema(name = "MergeRequest", example = "{\"duplicateId\":\"01a205c6-b378-76be-a4f2-e0d7f8889486\"}")
public record MergeRequest(@NotNull UUID duplicateId) {}
