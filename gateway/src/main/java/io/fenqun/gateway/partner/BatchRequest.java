package io.fenqun.gateway.partner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Up to {@value #MAX_RECORDS} customers or orders of one partner source, upserted by external id. */
@Schema(
        examples = "{\"source\":\"youzan\",\"records\":[{\"externalId\":\"u-1001\",\"data\":{\"kind\":\"PERSON\","
                + "\"name\":\"张三\",\"phone\":\"13812345678\"}}]}")
public record BatchRequest(
        @NotBlank @Size(max = 50) String source,
        @NotEmpty @Size(max = MAX_RECORDS) List<@Valid @NotNull BatchRecord> records) {

    public static final int MAX_RECORDS = 500;

    /** One record: its id in the partner's system and the body the single upsert takes. */
    public record BatchRecord(
            @NotBlank @Size(max = 100) String externalId,
            @NotNull @Schema(description = "What PUT .../by-external-id/{source}/{externalId} takes")
                    ObjectNode data) {}
}
