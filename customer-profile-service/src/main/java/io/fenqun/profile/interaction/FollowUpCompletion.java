package io.fenqun.profile.interaction;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a client may say when it completes a follow-up. */
@Schema(name = "FollowUpCompletion", example = """
        {"note":"已回访，客户周末到店看货"}""")
public record FollowUpCompletion(@Size(max = InteractionInput.MAX_SUMMARY) String note) {}
