package io.fenqun.kit.feed;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A test handler's record of one event it was given; {@code received} numbers them in arrival order. */
@Entity
@Table(name = "received_event")
public class ReceivedEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long received;

    public String consumer;

    @Column(name = "event_id")
    public UUID eventId;

    public long position;

    /** A handler that records every event it is given under the consumer's name. */
    public static FeedHandler recorder(String consumer) {
        return event -> {
            ReceivedEvent row = new ReceivedEvent();
            row.consumer = consumer;
            row.eventId = event.id();
            row.position = event.position();
            return row.persist().replaceWithVoid();
        };
    }
}
