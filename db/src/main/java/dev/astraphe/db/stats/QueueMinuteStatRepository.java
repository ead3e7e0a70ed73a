package dev.astraphe.db.stats;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface QueueMinuteStatRepository extends JpaRepository<QueueMinuteStat, QueueMinuteStatId> {

    /**
     * Adds one instance's figures for a minute: several queue-edge instances report into the same row, so the
     * counts add up while {@code waiting} (a gauge read from the shared queue) takes the latest value.
     */
    @Modifying
    @Query(value = """
            insert into queue_minute_stats (product_id, minute, waiting, joined, admitted, dropped)
            values (:productId, date_trunc('minute', cast(:at as timestamptz)), :waiting, :joined, :admitted, :dropped)
            on conflict (product_id, minute) do update set
                waiting = excluded.waiting,
                joined = queue_minute_stats.joined + excluded.joined,
                admitted = queue_minute_stats.admitted + excluded.admitted,
                dropped = queue_minute_stats.dropped + excluded.dropped""", nativeQuery = true)
    int record(@Param("productId") Long productId, @Param("at") Instant at, @Param("waiting") int waiting,
               @Param("joined") int joined, @Param("admitted") int admitted, @Param("dropped") int dropped);

    @Query("select s from QueueMinuteStat s where s.id.productId = :productId and s.id.minute >= :from order by s.id.minute")
    List<QueueMinuteStat> findSince(@Param("productId") Long productId, @Param("from") Instant from);
}
