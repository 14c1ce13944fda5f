package io.fenqun.profile.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One grant or withdrawal, as recorded; the history is append-only (enforced in the database). */
@Entity
@Table(name = "consent_change")
public class ConsentChange {

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    public ConsentFields.Channel channel;

    @Enumerated(EnumType.STRING)
    public ConsentFields.Purpose purpose;

    @Enumerated(EnumType.STRING)
    public ConsentFields.Status status;

    @Enumerated(EnumType.STRING)
    public ConsentFields.Source source;

    /** When the customer gave or withdrew consent. */
    @Column(name = "changed_at")
    public OffsetDateTime changedAt;

    /** When this service recorded it. */
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;

    public String evidence;
}
