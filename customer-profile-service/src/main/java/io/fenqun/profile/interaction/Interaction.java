package io.fenqun.profile.interaction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One contact with a customer (跟进/回访) and the follow-up it may schedule. */
@Entity
@Table(name = "interaction")
public class Interaction {

    public enum Type {
        CALL,
        SMS,
        EMAIL,
        VISIT,
        WECHAT,
        NOTE,
        COMPLAINT
    }

    public enum FollowUpStatus {
        /** No follow-up was scheduled. */
        NONE,
        OPEN,
        DONE
    }

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    public Type type;

    @Column(name = "staff_id")
    public String staffId;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    public String summary;
    public String outcome;

    /** The business date the follow-up is due, in the business time zone. */
    @Column(name = "follow_up_on")
    public LocalDate followUpOn;

    /** The exact instant, when the follow-up was scheduled for one. */
    @Column(name = "follow_up_at")
    public OffsetDateTime followUpAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "follow_up_status")
    public FollowUpStatus followUpStatus = FollowUpStatus.NONE;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Column(name = "completed_by")
    public String completedBy;

    @Column(name = "completion_note")
    public String completionNote;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "erased_at")
    public OffsetDateTime erasedAt;
}
