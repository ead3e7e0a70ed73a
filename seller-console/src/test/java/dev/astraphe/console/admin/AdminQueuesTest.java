package dev.astraphe.console.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.astraphe.console.ConsoleIntegrationTest;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.audit.AuditLogRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.shared.queue.QueueKeys;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The admin's waiting-room controls write the control hash queue-edge reads, and every action is audited. */
class AdminQueuesTest extends ConsoleIntegrationTest {

    @Autowired ProductRepository products;
    @Autowired StringRedisTemplate redis;
    @Autowired AuditLogRepository audit;

    private Product aDemoProduct() {
        return products.findListed(Instant.now(), null, PageRequest.of(0, 1)).getContent().getFirst();
    }

    /** A demo product whose sale has started. */
    private Product aLiveDemoProduct() {
        Instant now = Instant.now();
        return products.findListed(now, null, PageRequest.of(0, 200)).getContent().stream()
                .filter(p -> !p.getSaleStartsAt().isAfter(now)).findFirst().orElseThrow();
    }

    /** A demo product whose sale is still to come. */
    private Product anUpcomingDemoProduct() {
        Instant now = Instant.now();
        return products.findListed(now, null, PageRequest.of(0, 200)).getContent().stream()
                .filter(p -> p.getSaleStartsAt().isAfter(now)).findFirst().orElseThrow();
    }

    @Test
    void admitNowIsRefusedBeforeTheSaleStartsAndNotOfferedThere() throws Exception {
        Account admin = admin();
        long id = anUpcomingDemoProduct().getId();
        long audited = audit.findByTargetTypeAndTargetIdOrderByCreatedAtDesc("PRODUCT", Long.toString(id)).size();

        mvc.perform(post("/admin/queues/" + id + "/admit").param("count", "5").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("판매가 시작된 뒤에 입장시킬 수 있습니다")))
                .andExpect(content().string(not(containsString("/admin/queues/" + id + "/admit\""))));
        assertThat(redis.opsForHash().get(QueueKeys.control(id), QueueKeys.CONTROL_ADMIT_NOW)).isNull();
        assertThat(audit.findByTargetTypeAndTargetIdOrderByCreatedAtDesc("PRODUCT", Long.toString(id))).hasSize((int) audited);
    }

    @Test
    void theBoardShowsEachQueuesFiguresAndItsLastHourChart() throws Exception {
        Product product = aDemoProduct();
        long id = product.getId();
        redis.opsForHash().putAll(QueueKeys.stats(id), Map.of("waiting", "4321", "joined", "5000", "admitted", "600", "dropped", "79"));
        long minute = Instant.now().getEpochSecond() / 60 * 60;
        redis.opsForZSet().add(QueueKeys.history(id), "{\"minute\":" + (minute - 60) + ",\"waiting\":100,\"joined\":100,\"admitted\":0,\"dropped\":0}", minute - 60);
        redis.opsForZSet().add(QueueKeys.history(id), "{\"minute\":" + minute + ",\"waiting\":4321,\"joined\":5000,\"admitted\":600,\"dropped\":79}", minute);

        mvc.perform(get("/admin/queues").with(user(principal(admin()))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"queue-" + id + "\"")))
                .andExpect(content().string(containsString(">4321<")))
                .andExpect(content().string(containsString(">79<")))
                // two minutes of history: the waiting line goes from 100 to the top of the chart
                .andExpect(content().string(containsString("points=\"0.0,46.9 240.0,0.0\"")));
    }

    @Test
    void pauseResumeAdmitNowAndStopActAtOnceThroughTheControlHashAndAreAudited() throws Exception {
        Account admin = admin();
        long id = aLiveDemoProduct().getId();
        String control = QueueKeys.control(id);

        mvc.perform(post("/admin/queues/" + id + "/pause").header("HX-Request", "true").with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<html"))));
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_STATE)).isEqualTo("PAUSED");

        mvc.perform(post("/admin/queues/" + id + "/resume").with(user(principal(admin))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_STATE)).isEqualTo("RUNNING");

        mvc.perform(post("/admin/queues/" + id + "/admit").param("count", "25").with(user(principal(admin))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/queues/" + id + "/admit").param("count", "5").with(user(principal(admin))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_ADMIT_NOW)).isEqualTo("30");

        mvc.perform(post("/admin/queues/" + id + "/admit").param("count", "0").with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("1에서 10,000 사이")));
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_ADMIT_NOW)).isEqualTo("30");

        mvc.perform(post("/admin/queues/" + id + "/stop").with(user(principal(admin))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_STATE)).isEqualTo("STOPPED");

        // a stop is final: resuming or pausing it again is refused with the reason, changes nothing and is not audited
        long audited = audit.findByTargetTypeAndTargetIdOrderByCreatedAtDesc("PRODUCT", Long.toString(id)).size();
        mvc.perform(post("/admin/queues/" + id + "/resume").header("HX-Request", "true").with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("중지는 되돌릴 수 없습니다")));
        mvc.perform(post("/admin/queues/" + id + "/pause").with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("중지는 되돌릴 수 없습니다")));
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_STATE)).isEqualTo("STOPPED");

        assertThat(audit.findByTargetTypeAndTargetIdOrderByCreatedAtDesc("PRODUCT", Long.toString(id)))
                .hasSize((int) audited)
                .extracting(e -> e.getAction())
                .containsSubsequence("QUEUE_STOPPED", "QUEUE_ADMIT_NOW", "QUEUE_ADMIT_NOW", "QUEUE_RESUMED", "QUEUE_PAUSED");
    }

    @Test
    void onlyAdminsReachTheQueuesAndTheirControls() throws Exception {
        Account seller = newSeller("correct-horse-1");
        long id = aDemoProduct().getId();
        mvc.perform(get("/admin/queues").with(user(principal(seller)))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/queues/" + id + "/stop").with(user(principal(seller))).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/queues/" + id + "/stop").with(user(principal(admin())))).andExpect(status().isForbidden());
        assertThat(redis.opsForHash().get(QueueKeys.control(id), QueueKeys.CONTROL_STATE)).isNotEqualTo("STOPPED");
    }
}
