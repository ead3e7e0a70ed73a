package dev.astraphe.db.stats;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** One minute of a sale's queue figures, for charts that start at the sale's start. Written by upsert. */
@Entity
@Table(name = "queue_minute_stats")
public class QueueMinuteStat {

    @EmbeddedId
    private QueueMinuteStatId id;

    @Column(nullable = false)
    private int waiting;

    @Column(nullable = false)
    private int joined;

    @Column(nullable = false)
    private int admitted;

    @Column(nullable = false)
    private int dropped;

    protected QueueMinuteStat() {
    }

    public Long getProductId() { return id.productId(); }
    public Instant getMinute() { return id.minute(); }
    public int getWaiting() { return waiting; }
    public int getJoined() { return joined; }
    public int getAdmitted() { return admitted; }
    public int getDropped() { return dropped; }
}
