package io.fenqun.gateway.apikey;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new key with its secret, shown this once: only a hash is kept. */
public record CreatedApiKey(
        ApiKeyView key,
        @Schema(description = "Send as the X-Api-Key header; it cannot be shown again") String secret) {}
