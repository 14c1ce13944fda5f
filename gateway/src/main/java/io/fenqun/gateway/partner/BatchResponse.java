package io.fenqun.gateway.partner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One result per record, in the order sent, and how many succeeded. */
public record BatchResponse(int succeeded, int failed, List<RecordResult> results) {

    /**
     * @param status what the single upsert answered (201 created, 200 updated, 4xx refused, 503 not
     *     reached)
     * @param body the customer or order on success, the problem otherwise
     */
    public record RecordResult(int index, String externalId, int status, JsonNode body) {}

    public static BatchResponse of(List<RecordResult> results) {
        int succeeded = (int) results.stream()
                .filter(r -> r.status() >= 200 && r.status() < 300)
                .count();
        return new BatchResponse(succeeded, results.size() - succeeded, List.copyOf(results));
    }
}
