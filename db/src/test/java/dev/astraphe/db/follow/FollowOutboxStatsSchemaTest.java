package dev.astraphe.db.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.db.SchemaFixtures;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.stats.QueueMinuteStat;
import dev.astraphe.db.stats.QueueMinuteStatRepository;
import dev.astraphe.testsupport.UsesPostgres;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;

@DataJpaTest
@UsesPostgres
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class FollowOutboxStatsSchemaTest {

    @Autowired TestEntityManager em;
    @Autowired SaleFollowRepository follows;
    @Autowired QueueMinuteStatRepository stats;

    Account kim;
    Product product;

    @BeforeEach
    void setUp() {
        SchemaFixtures fixtures = new SchemaFixtures(em);
        kim = fixtures.shopper("kim@example.com");
        product = fixtures.product(5);
    }

    @Test
    void followingTwiceKeepsOneFollow() {
        assertThat(follows.follow(kim.getId(), product.getId())).isEqualTo(1);
        assertThat(follows.follow(kim.getId(), product.getId())).isZero();
        assertThat(follows.isFollowing(kim.getId(), product.getId())).isTrue();
        assertThat(follows.findFollowerIds(product.getId())).containsExactly(kim.getId());
        assertThat(follows.unfollow(kim.getId(), product.getId())).isEqualTo(1);
        assertThat(follows.isFollowing(kim.getId(), product.getId())).isFalse();
    }

    @Test
    void minuteFiguresFromSeveralInstancesAddUp() {
        Instant minute = Instant.parse("2026-03-01T01:00:00Z");
        stats.record(product.getId(), minute.plusSeconds(5), 100, 10, 3, 1);
        stats.record(product.getId(), minute.plusSeconds(50), 90, 5, 7, 0);
        stats.record(product.getId(), minute.plusSeconds(65), 80, 1, 1, 1);
        em.clear();
        List<QueueMinuteStat> rows = stats.findSince(product.getId(), minute);
        assertThat(rows).extracting(QueueMinuteStat::getMinute).containsExactly(minute, minute.plusSeconds(60));
        QueueMinuteStat first = rows.getFirst();
        assertThat(first.getWaiting()).isEqualTo(90);
        assertThat(first.getJoined()).isEqualTo(15);
        assertThat(first.getAdmitted()).isEqualTo(10);
        assertThat(first.getDropped()).isEqualTo(1);
    }

    @Test
    void theOutboxTablesHaveTheColumnsSpringModulithWrites() {
        // the INSERT Spring Modulith 2.0's JdbcEventPublicationRepository issues (v2 schema, with status)
        em.getEntityManager().createNativeQuery("""
                insert into event_publication (id, event_type, listener_id, publication_date, serialized_event,
                                               status, completion_attempts, last_resubmission_date)
                values (gen_random_uuid(), 'dev.astraphe.Evt', 'listener', now(), '{}', 'PUBLISHED', 0, null)""")
                .executeUpdate();
        em.getEntityManager().createNativeQuery("""
                insert into event_publication_archive (id, event_type, listener_id, publication_date, serialized_event,
                                                       completion_date, status, completion_attempts)
                select id, event_type, listener_id, publication_date, serialized_event, now(), 'COMPLETED', 1
                from event_publication""").executeUpdate();
        Object archived = em.getEntityManager()
                .createNativeQuery("select count(*) from event_publication_archive where status = 'COMPLETED'")
                .getSingleResult();
        assertThat(((Number) archived).intValue()).isEqualTo(1);
    }
}
