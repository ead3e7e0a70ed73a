package dev.astraphe.console.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import dev.astraphe.console.ConsoleIntegrationTest;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.audit.AuditLogRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductDetails;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.db.product.SaleSchedule;
import dev.astraphe.db.product.SaleStatus;
import dev.astraphe.shared.queue.QueueKeys;
import dev.astraphe.testsupport.Chromium;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The admin's waiting-room controls write the control hash queue-edge reads, and every action is audited. */
class AdminQueuesTest extends ConsoleIntegrationTest {

    /** For the page's own scripts (htmx, console.js): Debian's Chromium, see {@link Chromium}. */
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort int port;

    @Autowired ProductRepository products;
    @Autowired StringRedisTemplate redis;
    @Autowired AuditLogRepository audit;

    private Product aDemoProduct() {
        return products.findListed(Instant.now(), null, PageRequest.of(0, 1)).getContent().getFirst();
    }

    /**
     * A product of its own for a test (actions here change it), sold from {@code startsAt}, as queue-edge knows it,
     * with 40 shoppers in its line (as queue-edge's scripts count them).
     */
    private Product newSale(Instant startsAt) {
        Product demo = aDemoProduct();
        Product product = products.save(new Product(demo.getCompanyId(),
                new ProductDetails(demo.getCategoryId(), unique("대기열 시험"), "설명", 30_000L, 19_900, 2), 20,
                new SaleSchedule(startsAt, null, 10, 10, 60), null));
        materialised(product, Map.of());
        redis.opsForHash().put(QueueKeys.stats(product.getId()), QueueKeys.STAT_WAITING, "40");
        return product;
    }

    private Product aLiveSale() {
        return newSale(Instant.now().minusSeconds(600));
    }

    /** The sale hash queue-edge writes from the schedule topic (there is no queue-edge here), with {@code flags}. */
    private void materialised(Product product, Map<String, String> flags) {
        Map<String, String> sale = new HashMap<>(Map.of("productId", product.getId().toString(),
                "saleStartsAt", Long.toString(product.getSaleStartsAt().toEpochMilli()),
                "saleStatus", product.getSaleStatus().name(), "hidden", Boolean.toString(product.isHidden())));
        sale.putAll(flags);
        redis.opsForHash().putAll(QueueKeys.sale(product.getId()), sale);
    }

    private int audited(long id) {
        return audit.findByTargetTypeAndTargetIdOrderByCreatedAtDesc("PRODUCT", Long.toString(id)).size();
    }

    @Test
    void admitNowIsRefusedBeforeTheSaleStartsAndNotOfferedThere() throws Exception {
        Account admin = admin();
        long id = newSale(Instant.now().plusSeconds(3600)).getId();
        long audited = audited(id);

        mvc.perform(post("/admin/queues/" + id + "/admit").param("count", "5").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("판매가 시작된 뒤에 입장시킬 수 있습니다")))
                .andExpect(content().string(not(containsString("/admin/queues/" + id + "/admit\""))));
        assertThat(redis.opsForHash().get(QueueKeys.control(id), QueueKeys.CONTROL_ADMIT_NOW)).isNull();
        assertThat(audit.findByTargetTypeAndTargetIdOrderByCreatedAtDesc("PRODUCT", Long.toString(id))).hasSize((int) audited);
    }

    /**
     * This minute (epoch seconds) with at least five seconds of it left, so that a test's minutes and its requests
     * fall in the same one (the charts' window ends at the current minute).
     */
    private static long thisMinute() throws InterruptedException {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 55_000) {
            Thread.sleep(60_000 - intoMinute + 100);
        }
        return Instant.now().getEpochSecond() / 60 * 60;
    }

    /** A minute of the history queue-edge writes: waiting is a level, admitted and dropped are the stats' totals. */
    private void minute(long id, long minute, long waiting, long admitted, long dropped, Long since) {
        redis.opsForZSet().add(QueueKeys.history(id), "{\"minute\":" + minute + ",\"waiting\":" + waiting + ",\"joined\":"
                + (waiting + admitted + dropped) + ",\"admitted\":" + admitted + ",\"dropped\":" + dropped
                + (since == null ? "" : ",\"since\":" + since) + "}", minute);
    }

    @Test
    void theBoardShowsEachQueuesFiguresWaitingAsALevelAndAdmissionsAndDropsPerMinute() throws Exception {
        long id = aLiveSale().getId();
        redis.opsForHash().putAll(QueueKeys.stats(id), Map.of("waiting", "300", "joined", "50595", "admitted", "50250", "dropped", "45"));
        long minute = thisMinute();
        // a long sale: 50,000 admitted so far, 300 waiting; then 100 and 150 admitted in the last two minutes
        minute(id, minute - 120, 280, 50_000, 40, null);
        minute(id, minute - 60, 250, 50_100, 40, null);
        minute(id, minute, 300, 50_250, 45, null);

        mvc.perform(get("/admin/queues").with(user(principal(admin()))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"queue-" + id + "\"")))
                .andExpect(content().string(containsString(">50250<")))
                .andExpect(content().string(containsString(">45<")))
                // each minute placed by its time (the right edge is now); waiting on its own scale, up to 300, not
                // flattened at the bottom by the admitted total
                .andExpect(content().string(containsString("대기 (최대 300)")))
                .andExpect(content().string(containsString("d=\"M231.9,2.1 L235.9,5.3 L240.0,0.0\"")))
                // admitted per minute (100, then 150; the first minute has no minute before it and no figure), and
                // dropped per minute (0, then 5), on the per-minute scale
                .andExpect(content().string(containsString("분당 입장 허용·이탈 (분당 최대 150)")))
                .andExpect(content().string(containsString("class=\"admitted\" fill=\"none\" d=\"M235.9,10.7 L240.0,0.0\"")))
                .andExpect(content().string(containsString("class=\"dropped\" fill=\"none\" d=\"M235.9,32.0 L240.0,30.9\"")))
                .andExpect(content().string(containsString(">분당 입장 허용<")));
    }

    @Test
    void aProductSoldAgainWithinTheHourChartsOnlyItsNewWaitingRoom() throws Exception {
        long id = aLiveSale().getId();
        long minute = thisMinute();
        long since = (minute - 120) * 1000 + 30_000; // sold again two and a half minutes ago
        redis.opsForHash().putAll(QueueKeys.stats(id), Map.of("waiting", "7", "joined", "16", "admitted", "9", QueueKeys.STAT_SINCE, Long.toString(since)));
        // the sale before (its minutes name no waiting room, as the product's first), then the new one's
        redis.opsForZSet().add(QueueKeys.history(id), "{\"minute\":" + (minute - 240) + ",\"waiting\":9000,\"joined\":9000,\"admitted\":8000,\"dropped\":0}", minute - 240);
        minute(id, minute - 180, 9000, 8000, 0, 0L);
        minute(id, minute - 120, 1, 2, 0, since);
        minute(id, minute - 60, 3, 5, 0, since);
        minute(id, minute, 7, 9, 0, since);

        mvc.perform(get("/admin/queues").with(user(principal(admin()))))
                .andExpect(status().isOk())
                // waiting up to the top (7): the old sale's 9000 would have flattened it
                .andExpect(content().string(containsString("d=\"M231.9,27.4 L235.9,18.3 L240.0,0.0\"")))
                // the room began within its first minute, which counts from zero: 2, then 3 and 4 a minute (the old
                // sale's 8000 is not the minute before)
                .andExpect(content().string(containsString("class=\"admitted\" fill=\"none\" d=\"M231.9,16.0 L235.9,8.0 L240.0,0.0\"")));
    }

    @Test
    void countersAreChartedPerMinuteAndATotalThatWentDownIsANewStartNotANegativeFigure() {
        long now = 1_800_000_000L;
        long minute = now / 60 * 60;
        var chart = QueueBoard.Chart.of(List.of(
                new QueueBoard.Minute(minute - 180, 300, 50_300, 50_000, 40),
                new QueueBoard.Minute(minute - 120, 290, 50_390, 50_100, 40),
                // Redis wiped meanwhile: the totals begin again (history is kept), the first minute after has no figure
                new QueueBoard.Minute(minute - 60, 20, 30, 20, 3),
                new QueueBoard.Minute(minute, 25, 80, 50, 5)), 0, now);
        assertThat(chart.waitingMax()).isEqualTo(300);
        assertThat(chart.perMinuteMax()).isEqualTo(100);
        // waiting is a level on its own scale: one run of four minutes
        assertThat(chart.waiting()).isEqualTo("M227.8,0.0 L231.9,1.1 L235.9,29.9 L240.0,29.3");
        // 50,000 then 50,100: 100 a minute (the top), nothing at the drop, then 30 a minute: each a lone minute's tick
        assertThat(chart.admitted()).isEqualTo("M227.9,0.0 L231.9,0.0 M236.0,22.4 L240.0,22.4");
        assertThat(chart.dropped()).isEqualTo("M227.9,32.0 L231.9,32.0 M236.0,31.4 L240.0,31.4");
    }

    @Test
    void theChartKeepsAGapWhereMinutesAreMissingAndDrawsALoneMinute() {
        long now = 1_800_000_000L;
        long minute = now / 60 * 60;
        // two minutes at the start of the hour, 56 missing (queue-edge down), the last two
        var gap = QueueBoard.Chart.of(List.of(new QueueBoard.Minute(minute - 59 * 60, 10, 100, 100, 0),
                new QueueBoard.Minute(minute - 58 * 60, 10, 110, 110, 0),
                new QueueBoard.Minute(minute - 60, 10, 700, 700, 0),
                new QueueBoard.Minute(minute, 10, 705, 705, 0)), 0, now);
        // two segments, no line across the gap
        assertThat(gap.waiting()).isEqualTo("M0.0,0.0 L4.1,0.0 M235.9,0.0 L240.0,0.0");
        // what the 56 missing minutes added (590) is no minute's figure: 10 a minute, then 5, each a lone minute
        assertThat(gap.admitted()).isEqualTo("M0.1,0.0 L4.1,0.0 M236.0,16.0 L240.0,16.0");
        assertThat(gap.perMinuteMax()).isEqualTo(10);
        var lone = QueueBoard.Chart.of(List.of(new QueueBoard.Minute(minute, 10, 0, 0, 0)), 0, now);
        assertThat(lone.waiting()).isEqualTo("M236.0,0.0 L240.0,0.0");
        assertThat(lone.admitted()).isEmpty();
        assertThat(lone.points()).isEqualTo(1);
        var first = QueueBoard.Chart.of(List.of(new QueueBoard.Minute(minute - 59 * 60, 10, 0, 0, 0)), 0, now);
        assertThat(first.waiting()).isEqualTo("M0.0,0.0 L4.0,0.0");
    }

    @Test
    void aWholeWaitingRoomIsChartedInAtMost240PointsAndAtLeastAnHour() {
        long last = 1_800_000_000L / 60 * 60;
        // a week: a point every 42 minutes, the last one ending now
        var week = QueueBoard.Window.from(last - (7 * 1440 - 1) * 60L, last);
        assertThat(week.step()).isEqualTo(42 * 60);
        assertThat((week.last() - week.first()) / week.step() + 1).isEqualTo(240);
        assertThat(week.covers(last - (7 * 1440 - 1) * 60L)).isTrue();
        assertThat(week.covers(last - 7 * 1440 * 60L)).isFalse();
        // three hours: a point a minute; ten minutes: the last hour, as the board's
        assertThat(QueueBoard.Window.from(last - 179 * 60, last)).isEqualTo(new QueueBoard.Window(last - 179 * 60, last, 60));
        assertThat(QueueBoard.Window.from(last - 600, last)).isEqualTo(QueueBoard.Window.lastHour(last + 59));
    }

    @Test
    void aPointOfSeveralMinutesChartsTheMostWaitingInThemAndWhatAMinuteAddedOnAverage() {
        long last = 1_800_000_000L / 60 * 60;
        long opening = last - 480 * 60; // 481 minutes: a point every three
        var window = QueueBoard.Window.from(opening, last);
        assertThat(window.step()).isEqualTo(180);
        assertThat(window.first()).isEqualTo(opening);
        long since = opening * 1000 + 10_000;
        var chart = QueueBoard.Chart.of(List.of(
                new QueueBoard.Minute(opening, 5000, 5100, 100, 0),
                new QueueBoard.Minute(opening + 60, 9000, 9400, 400, 0),
                new QueueBoard.Minute(opening + 120, 7000, 8000, 1000, 0),
                new QueueBoard.Minute(opening + 180, 6000, 7300, 1300, 0),
                new QueueBoard.Minute(last, 10, 9000, 8990, 0)), since, window, 720, 120);
        // the opening minute alone, then the next three: at most 9,000 waiting, 300, 600 and 300 admitted (400 a
        // minute); the last minute, after a gap, a lone tick with no admitted figure (no minute before it)
        assertThat(chart.waitingMax()).isEqualTo(9000);
        assertThat(chart.perMinuteMax()).isEqualTo(400);
        assertThat(chart.waiting()).isEqualTo("M0.0,53.3 L4.5,0.0 M716.0,119.9 L720.0,119.9");
        assertThat(chart.admitted()).isEqualTo("M0.0,90.0 L4.5,0.0");
    }

    @Test
    void aQueuesOwnPageChartsTheWholeRoomItsOpeningIncludedOrTheLastHourAlsoAfterTheSale() throws Exception {
        long id = aLiveSale().getId();
        long minute = thisMinute();
        long opening = minute - 180 * 60;
        // the room was named when queue-edge learnt the schedule, two days before its first minute (the history is
        // written from the pre-queue window on): the whole room's chart starts at that first minute
        long since = (opening - 2 * 86_400) * 1000 + 5_000;
        redis.opsForHash().putAll(QueueKeys.stats(id), Map.of("waiting", "90", "joined", "60000", "admitted", "59000",
                "dropped", "910", QueueKeys.STAT_SINCE, Long.toString(since)));
        // the opening's rush, then the last minutes
        minute(id, opening, 50_000, 0, 0, since);
        minute(id, opening + 60, 40_000, 100, 0, since);
        minute(id, minute - 60, 100, 58_900, 900, since);
        minute(id, minute, 90, 59_000, 910, since);
        Account admin = admin();

        // the board links each queue to its own page
        mvc.perform(get("/admin/queues").with(user(principal(admin))))
                .andExpect(content().string(containsString("href=\"/console/admin/queues/" + id + "\"")));
        mvc.perform(get("/admin/queues/" + id).with(user(principal(admin))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(">59,000<")))
                .andExpect(content().string(containsString("<span class=\"badge state-running\">운영 중</span>")))
                // the whole room by default: the opening's 50,000 waiting
                .andExpect(content().string(containsString("대기 (최대 50,000)")))
                .andExpect(content().string(containsString("aria-current=\"page\">대기열 전체<")))
                // a point a minute over three hours: the opening at the left edge
                .andExpect(content().string(containsString("d=\"M0.0,0.0 L4.0,24.0 M716.0,119.8 L720.0,119.8\"")))
                .andExpect(content().string(containsString("hx-trigger=\"every 30s\"")));
        mvc.perform(get("/admin/queues/" + id).param("span", "hour").header("HX-Request", "true").with(user(principal(admin))))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<html"))))
                .andExpect(content().string(containsString("대기 (최대 100)")))
                .andExpect(content().string(containsString("aria-current=\"page\">최근 1시간<")));

        // stopped ten minutes ago (its last minute then): the charts end at its last minute, not now
        redis.opsForZSet().removeRangeByScore(QueueKeys.history(id), minute - 60 * 9, Double.POSITIVE_INFINITY);
        minute(id, minute - 60 * 10, 70, 59_000, 910, since);
        Product stopped = products.findById(id).orElseThrow();
        stopped.changeSaleStatus(SaleStatus.STOPPED, null);
        products.save(stopped);
        // the hour up to the stop: its last minute at the right edge, the minute before it (minute - 11 min) absent
        mvc.perform(get("/admin/queues/" + id).param("span", "hour").with(user(principal(admin))))
                .andExpect(content().string(containsString("대기 (최대 70)")))
                .andExpect(content().string(containsString("class=\"waiting\" fill=\"none\" d=\"M716.0,0.0 L720.0,0.0\"")));

        // an hour after the sale its figures go; its minutes, kept 48 hours, still chart it
        redis.delete(QueueKeys.stats(id));
        mvc.perform(get("/admin/queues/" + id).with(user(principal(admin))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("대기 (최대 50,000)")));
        mvc.perform(get("/admin/queues/" + id).param("span", "hour").with(user(principal(admin))))
                .andExpect(content().string(containsString("대기 (최대 70)")));
    }

    @Test
    void onAPhoneTheBoardLeadsToAQueuesOwnPageWithItsFiguresSideBySideAndItsChartsAsWideAsTheScreen() {
        long id = aLiveSale().getId();
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("ko-KR")
                .setViewportSize(390, 844))) {
            Page page = queuesPageSignedIn(context);
            page.click("#queue-" + id + " a.queue-name");
            page.waitForURL(url -> url.endsWith("/admin/queues/" + id));
            assertThat(page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .isEqualTo(true);
            Locator figures = page.locator(".figures .tile");
            assertThat(figures.count()).isEqualTo(5);
            assertThat(figures.nth(1).boundingBox().y).isEqualTo(figures.nth(0).boundingBox().y);
            for (int i = 0; i < 2; i++) {
                var chart = page.locator("svg.spark.wide").nth(i).boundingBox();
                assertThat(chart.x + chart.width).isLessThanOrEqualTo(390);
                assertThat(chart.width).isGreaterThan(300);
            }
            page.click(".span-switch a:not([aria-current])");
            page.waitForURL(url -> url.endsWith("/admin/queues/" + id + "?span=hour"));
            assertThat(page.locator(".span-switch a[aria-current=page]").textContent()).isEqualTo("최근 1시간");
        }
    }

    @Test
    void theBoardAndTheQueuesOwnPageSayWhatTheLastAdmitNowCameTo() throws Exception {
        long id = aLiveSale().getId();
        String control = QueueKeys.control(id);
        Account admin = admin();
        assertThat(boardRow(admin, id)).doesNotContain("class=\"admit-now");

        // asked, not yet taken by queue-edge (it takes a count within a second)
        redis.opsForHash().put(control, QueueKeys.CONTROL_ADMIT_NOW, "10");
        assertThat(boardRow(admin, id)).contains("지금 입장: 10명을 입장시키는 중…");

        // taken: 7 of 10, the line having run out of live shoppers (as queue-edge's admit script writes it)
        long at = java.time.LocalDateTime.of(2026, 12, 7, 21, 0, 3).atZone(java.time.ZoneId.of("Asia/Seoul"))
                .toInstant().toEpochMilli();
        redis.opsForHash().putAll(control, Map.of(QueueKeys.CONTROL_ADMIT_NOW, "0",
                QueueKeys.CONTROL_ADMIT_NOW_RESULT, "10:7:LINE:" + at));
        assertThat(boardRow(admin, id)).contains("지금 입장 12-07 21:00:03: 10명 요청, 7명 입장",
                "(응답 중인 대기자가 더 없었습니다)");
        mvc.perform(get("/admin/queues/" + id).with(user(principal(admin))))
                .andExpect(content().string(containsString("지금 입장 12-07 21:00:03: 10명 요청, 7명 입장")));

        // all of them: no reason to give
        redis.opsForHash().put(control, QueueKeys.CONTROL_ADMIT_NOW_RESULT, "10:10:OK:" + at);
        assertThat(boardRow(admin, id)).contains("10명 요청, 10명 입장").doesNotContain("admin.queues.admit-now.why");
        // sold out before queue-edge took it
        redis.opsForHash().put(control, QueueKeys.CONTROL_ADMIT_NOW_RESULT, "5:0:SOLD_OUT:" + at);
        assertThat(boardRow(admin, id)).contains("5명 요청, 0명 입장", "(품절이라 아무도 입장하지 않았습니다)");
        // a reason this console does not know (a newer queue-edge): the figures without one
        redis.opsForHash().put(control, QueueKeys.CONTROL_ADMIT_NOW_RESULT, "5:2:NEWER:" + at);
        assertThat(boardRow(admin, id)).contains("5명 요청, 2명 입장").doesNotContain("??");
        // not as queue-edge writes it: nothing said rather than a wrong figure
        redis.opsForHash().put(control, QueueKeys.CONTROL_ADMIT_NOW_RESULT, "garbage");
        assertThat(boardRow(admin, id)).doesNotContain("class=\"admit-now");
    }

    @Test
    void aQueuesOwnPageIsForAdminsAndAnUnknownProductIsNotFound() throws Exception {
        long id = aDemoProduct().getId();
        mvc.perform(get("/admin/queues/" + id).with(user(principal(newSeller("correct-horse-1")))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/queues/" + Long.MAX_VALUE).with(user(principal(admin()))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin/queues/" + id).with(user(principal(admin())))).andExpect(status().isOk());
    }

    @Test
    void theBoardShowsSalesUnderWayNewestFirstThenUpcomingSoonestFirstHiddenOnesToo() throws Exception {
        Product older = aLiveSale();
        Product newer = newSale(Instant.now().minusSeconds(60));
        Product soon = newSale(Instant.now().plusSeconds(600));
        Product hidden = newSale(Instant.now().minusSeconds(30));
        hidden.hide(null);
        products.save(hidden);

        String page = mvc.perform(get("/admin/queues").with(user(principal(admin()))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        int h = page.indexOf("id=\"queue-" + hidden.getId() + "\"");
        int n = page.indexOf("id=\"queue-" + newer.getId() + "\"");
        int o = page.indexOf("id=\"queue-" + older.getId() + "\"");
        int u = page.indexOf("id=\"queue-" + soon.getId() + "\"");
        assertThat(h).isPositive().isLessThan(n);
        assertThat(n).isLessThan(o);
        assertThat(o).isLessThan(u);
        assertThat(page.substring(h, n)).contains("숨김");
        // a sale under way runs; one not open yet is not called running
        assertThat(page.substring(o, u)).contains(">운영 중</span>");
        assertThat(page.substring(u, page.indexOf("</tr>", u))).contains("state-upcoming", ">시작 전</span>")
                .doesNotContain(">운영 중</span>");
    }

    @Test
    void pauseResumeAdmitNowAndStopActAtOnceThroughTheControlHashAndAreAudited() throws Exception {
        Account admin = admin();
        long id = aLiveSale().getId();
        String control = QueueKeys.control(id);

        mvc.perform(post("/admin/queues/" + id + "/pause").header("HX-Request", "true").with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<html"))))
                // the outcome goes above the polled table, where the next refresh leaves it
                .andExpect(content().string(containsString("id=\"queue-flash\" role=\"status\" hx-swap-oob=\"true\"")))
                // the row's next action cancels a refresh in flight, whose older answer would undo this one on screen
                // (a browser test below: a double click acts once)
                .andExpect(content().string(containsString("hx-sync=\"this:abort\"")))
                .andExpect(content().string(containsString("hx-target=\"#queues\" hx-swap=\"outerHTML\" hx-sync=\"#queues:drop\"")));
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_STATE)).isEqualTo("PAUSED");

        mvc.perform(post("/admin/queues/" + id + "/resume").with(user(principal(admin))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_STATE)).isEqualTo("RUNNING");

        // asking for the state it is in changes nothing and is not audited
        int before = audited(id);
        mvc.perform(post("/admin/queues/" + id + "/resume").header("HX-Request", "true").with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("이미 그 상태입니다")));
        assertThat(audited(id)).isEqualTo(before);

        mvc.perform(post("/admin/queues/" + id + "/admit").param("count", "25").with(user(principal(admin))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        // a browser's number field may send a whole number so
        mvc.perform(post("/admin/queues/" + id + "/admit").param("count", "5.0").with(user(principal(admin))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/queues/" + id + "/admit").param("count", "1e1").with(user(principal(admin))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        // done by htmx: the field is ready for the next count, not showing this one as if it had been refused
        mvc.perform(post("/admin/queues/" + id + "/admit").param("count", "7").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("value=\"7\""))));
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_ADMIT_NOW)).isEqualTo("47");

        for (String bad : new String[] {"0", "-3", "2.5", "10001", "lots", ""}) {
            mvc.perform(post("/admin/queues/" + id + "/admit").param("count", bad).with(user(principal(admin))).with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("1에서 10,000 사이")))
                    // the count asked for is shown back in its field
                    .andExpect(content().string(containsString("value=\"" + bad + "\"")));
        }
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_ADMIT_NOW)).isEqualTo("47");

        mvc.perform(post("/admin/queues/" + id + "/stop").with(user(principal(admin))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_STATE)).isEqualTo("STOPPED");
        // the sale itself is stopped, for the shop and the seller too, through the schedule topic
        Product stopped = products.findById(id).orElseThrow();
        assertThat(stopped.getSaleStatus()).isEqualTo(SaleStatus.STOPPED);
        // on the board: called off, as the storefront and the waiting room say, not "under way" beside its stopped badge;
        // the line's figure, still in Redis until the waiting room is removed, is no longer shown as people waiting
        redis.opsForHash().put(QueueKeys.stats(id), QueueKeys.STAT_WAITING, "1234");
        assertThat(boardRow(admin, id))
                .contains("<td class=\"num\" title=\"판매가 중단되어 아무도 기다리지 않습니다\" data-label=\"대기\">—</td>")
                .doesNotContain(">1234<");
        mvc.perform(get("/admin/queues").with(user(principal(admin))))
                .andExpect(content().string(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*" + java.util.regex.Pattern.quote(stopped.getName()) + "</strong></a><br>\\s*<small[^>]*>[^<]*</small>\\s*<small class=\"muted\">판매 중단</small>.*")));
        // the audit log names the product it acted on, not only its id
        mvc.perform(get("/admin/audit").with(user(principal(admin))))
                .andExpect(content().string(containsString(
                        "<td data-label=\"대상\">상품 #" + id + "<br><small class=\"muted\">" + stopped.getName() + "</small></td>")));
        // renamed since: the entries keep the name the sale had when it was stopped, and say what it is called now
        String stoppedAs = stopped.getName();
        stopped.edit(new ProductDetails(stopped.getCategoryId(), "이름을 바꾼 상품", stopped.getDescription(),
                stopped.getListPrice(), stopped.getSalePrice(), stopped.getPerShopperLimit()), null);
        products.save(stopped);
        mvc.perform(get("/admin/audit").with(user(principal(admin))))
                .andExpect(content().string(containsString("<td data-label=\"대상\">상품 #" + id + "<br><small class=\"muted\">" + stoppedAs
                        + "</small><br><small class=\"muted\">지금 이름: 이름을 바꾼 상품</small></td>")));

        // a stop is final: resuming, pausing, admitting or stopping it again is refused with the reason, changes
        // nothing and is not audited (a second stop used to answer 500, which htmx showed as nothing at all)
        int audited = audited(id);
        mvc.perform(post("/admin/queues/" + id + "/resume").header("HX-Request", "true").with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("중지는 되돌릴 수 없습니다")));
        mvc.perform(post("/admin/queues/" + id + "/pause").with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("중지는 되돌릴 수 없습니다")));
        mvc.perform(post("/admin/queues/" + id + "/stop").header("HX-Request", "true").with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("중지는 되돌릴 수 없습니다")));
        mvc.perform(post("/admin/queues/" + id + "/admit").param("count", "5").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("중지는 되돌릴 수 없습니다")));
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_STATE)).isEqualTo("STOPPED");
        assertThat(redis.opsForHash().get(control, QueueKeys.CONTROL_ADMIT_NOW)).isEqualTo("47");

        assertThat(audit.findByTargetTypeAndTargetIdOrderByCreatedAtDesc("PRODUCT", Long.toString(id)))
                .hasSize(audited)
                .extracting(e -> e.getAction())
                .containsSubsequence("QUEUE_STOPPED", "QUEUE_ADMIT_NOW", "QUEUE_ADMIT_NOW", "QUEUE_ADMIT_NOW", "QUEUE_ADMIT_NOW",
                        "QUEUE_RESUMED", "QUEUE_PAUSED");
    }

    @Test
    void admitNowIsRefusedWhileTheSaleCannotAdmitAndNothingIsCountedOrAudited() throws Exception {
        Account admin = admin();
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("hidden", new String[] {"true", "숨겨진 상품입니다"});
        cases.put("soldOut", new String[] {"1", "품절된 판매입니다"});
        cases.put("allHeld", new String[] {"1", "모든 수량이 입장한 쇼핑객과 주문에 잡혀 있습니다"});
        cases.put("saleEndsAt", new String[] {Long.toString(System.currentTimeMillis() - 1000), "종료되었거나 취소된 판매입니다"});
        for (var c : cases.entrySet()) {
            Product sale = aLiveSale();
            materialised(sale, Map.of(c.getKey(), c.getValue()[0]));
            int before = audited(sale.getId());
            mvc.perform(post("/admin/queues/" + sale.getId() + "/admit").param("count", "5").header("HX-Request", "true")
                            .with(user(principal(admin))).with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString(c.getValue()[1])));
            assertThat(redis.opsForHash().get(QueueKeys.control(sale.getId()), QueueKeys.CONTROL_ADMIT_NOW)).as(c.getKey()).isNull();
            assertThat(audited(sale.getId())).as(c.getKey()).isEqualTo(before);
        }
    }

    @Test
    void admitNowIsRefusedWhenNobodyWaitsAndNothingIsCountedOrAudited() throws Exception {
        Account admin = admin();
        Product sale = aLiveSale();
        redis.opsForHash().put(QueueKeys.stats(sale.getId()), QueueKeys.STAT_WAITING, "0");
        int before = audited(sale.getId());
        mvc.perform(post("/admin/queues/" + sale.getId() + "/admit").param("count", "2").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("지금 기다리는 쇼핑객이 없습니다")))
                .andExpect(content().string(not(containsString("바로 입장시킵니다"))));
        assertThat(redis.opsForHash().get(QueueKeys.control(sale.getId()), QueueKeys.CONTROL_ADMIT_NOW)).isNull();
        assertThat(audited(sale.getId())).isEqualTo(before);

        // somebody joins: the same action goes through
        redis.opsForHash().put(QueueKeys.stats(sale.getId()), QueueKeys.STAT_WAITING, "1");
        mvc.perform(post("/admin/queues/" + sale.getId() + "/admit").param("count", "2").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(content().string(containsString("바로 입장시킵니다")));
        assertThat(redis.opsForHash().get(QueueKeys.control(sale.getId()), QueueKeys.CONTROL_ADMIT_NOW)).isEqualTo("2");
        assertThat(audited(sale.getId())).isEqualTo(before + 1);
    }

    @Test
    void admitNowIsRefusedWhileAdmissionsNotYetLapsedHoldEveryUnit() throws Exception {
        Account admin = admin();
        Product sale = aLiveSale();
        materialised(sale, Map.of("available", "2"));
        long now = System.currentTimeMillis();
        // two admissions made a minute ago hold both units; one of eleven minutes ago has lapsed (the hold is 10 min)
        redis.opsForZSet().add(QueueKeys.recentAdmissions(sale.getId()), "41", now - 60_000);
        redis.opsForZSet().add(QueueKeys.recentAdmissions(sale.getId()), "42", now - 60_000);
        redis.opsForZSet().add(QueueKeys.recentAdmissions(sale.getId()), "43", now - 660_000);
        int before = audited(sale.getId());

        mvc.perform(post("/admin/queues/" + sale.getId() + "/admit").param("count", "5").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("모든 수량이 입장한 쇼핑객과 주문에 잡혀 있습니다")));
        assertThat(redis.opsForHash().get(QueueKeys.control(sale.getId()), QueueKeys.CONTROL_ADMIT_NOW)).isNull();
        assertThat(audited(sale.getId())).isEqualTo(before);
        // and the board says so, as the waiting room tells its shoppers
        assertThat(boardRow(admin, sale.getId())).contains("전량 예약됨");

        // one of them lapses: a unit is free, and the count is taken
        redis.opsForZSet().add(QueueKeys.recentAdmissions(sale.getId()), "42", now - 660_000);
        mvc.perform(post("/admin/queues/" + sale.getId() + "/admit").param("count", "5").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk());
        assertThat(redis.opsForHash().get(QueueKeys.control(sale.getId()), QueueKeys.CONTROL_ADMIT_NOW)).isEqualTo("5");
        assertThat(audited(sale.getId())).isEqualTo(before + 1);
        assertThat(boardRow(admin, sale.getId())).doesNotContain("전량 예약됨");
    }

    @Test
    void theHoldIsTheOneQueueEdgeWroteWithTheSaleNotThisAppsOwnSetting() throws Exception {
        Account admin = admin();
        Product sale = aLiveSale();
        // queue-edge holds a unit for 2 minutes; this app's setting says 10
        materialised(sale, Map.of("available", "1", QueueKeys.SALE_ADMITTED_HOLD_MS, "120000"));
        long now = System.currentTimeMillis();
        redis.opsForZSet().add(QueueKeys.recentAdmissions(sale.getId()), "51", now - 180_000); // lapsed by queue-edge's hold

        mvc.perform(post("/admin/queues/" + sale.getId() + "/admit").param("count", "1").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("모든 수량이 입장한 쇼핑객과 주문에 잡혀 있습니다"))));
        assertThat(redis.opsForHash().get(QueueKeys.control(sale.getId()), QueueKeys.CONTROL_ADMIT_NOW)).isEqualTo("1");
        assertThat(boardRow(admin, sale.getId())).doesNotContain("전량 예약됨");

        // one made within it holds the unit, for both
        redis.opsForZSet().add(QueueKeys.recentAdmissions(sale.getId()), "52", now - 60_000);
        assertThat(boardRow(admin, sale.getId())).contains("전량 예약됨");
        mvc.perform(post("/admin/queues/" + sale.getId() + "/admit").param("count", "1").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(content().string(containsString("모든 수량이 입장한 쇼핑객과 주문에 잡혀 있습니다")));
    }

    /** The admins' queues page in a browser, signed in through the login form as the bootstrap admin. */
    private Page queuesPageSignedIn(BrowserContext context) {
        Page page = adminSignedIn(context, port);
        page.navigate("http://localhost:" + port + CONTEXT + "/admin/queues");
        return page;
    }

    /** The board's row of one queue, as the admins' page shows it. */
    private String boardRow(Account admin, long productId) throws Exception {
        String board = mvc.perform(get("/admin/queues").with(user(principal(admin)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        int start = board.indexOf("id=\"queue-" + productId + "\"");
        assertThat(start).as("the board has the queue's row").isNotNegative();
        int next = board.indexOf("id=\"queue-", start + 1);
        return board.substring(start, next < 0 ? board.length() : next);
    }

    @Test
    void actionsOnASaleWhoseEndHasPassedAreRefusedAndLeaveNothingBehind() throws Exception {
        Account admin = admin();
        Product demo = aDemoProduct();
        Product ended = products.save(new Product(demo.getCompanyId(),
                new ProductDetails(demo.getCategoryId(), unique("끝난 판매"), "설명", 30_000L, 19_900, 2), 20,
                new SaleSchedule(Instant.now().minusSeconds(7200), Instant.now().minusSeconds(60), 10, 10, 60), null));
        long id = ended.getId();
        materialised(ended, Map.of("saleEndsAt", Long.toString(ended.getSaleEndsAt().toEpochMilli())));
        int before = audited(id);
        for (String action : new String[] {"pause", "resume", "stop"}) {
            mvc.perform(post("/admin/queues/" + id + "/" + action).header("HX-Request", "true")
                            .with(user(principal(admin))).with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("종료되었거나 취소된 판매입니다")));
        }
        mvc.perform(post("/admin/queues/" + id + "/admit").param("count", "5").header("HX-Request", "true")
                        .with(user(principal(admin))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("종료되었거나 취소된 판매입니다")));
        // no control hash for a queue that no longer runs, nothing audited, and the sale's status is left alone
        assertThat(redis.hasKey(QueueKeys.control(id))).isFalse();
        assertThat(audited(id)).isEqualTo(before);
        assertThat(products.findById(id).orElseThrow().getSaleStatus()).isEqualTo(SaleStatus.SCHEDULED);
    }

    @Test
    void actionsOnAProductThatDoesNotExistAreRefusedAndLeaveNothingBehind() throws Exception {
        long missing = 987_654_321L;
        for (String action : new String[] {"pause", "resume", "stop"}) {
            mvc.perform(post("/admin/queues/" + missing + "/" + action).header("HX-Request", "true")
                            .with(user(principal(admin()))).with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("판매 정보가 없거나")));
        }
        // a control hash left for an id no product has would greet a later product of that id as stopped
        assertThat(redis.hasKey(QueueKeys.control(missing))).isFalse();
        assertThat(audited(missing)).isZero();
    }

    @Test
    void inABrowserTheRefreshLeavesACountBeingTypedAndTheOutcomeAloneAndAServerErrorIsShown() {
        long id = aLiveSale().getId();
        long minute = Instant.now().getEpochSecond() / 60 * 60;
        minute(id, minute - 60, 40, 100, 2, null);
        minute(id, minute, 30, 160, 3, null);
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("ko-KR"))) {
            Page page = queuesPageSignedIn(context);

            Locator count = page.locator("#queue-" + id + " input[name=count]");
            count.fill("500");
            AtomicInteger refreshes = new AtomicInteger();
            page.onRequest(r -> {
                if (r.url().endsWith("/admin/queues") && "GET".equals(r.method())) {
                    refreshes.incrementAndGet();
                }
            });
            page.waitForTimeout(4_000);
            // the admin is still in the form: no refresh, the count and the focus stay
            assertThat(refreshes).hasValue(0);
            assertThat(count.inputValue()).isEqualTo("500");
            count.press("Enter");

            page.locator("#queue-flash .notice").waitFor();
            assertThat(redis.opsForHash().get(QueueKeys.control(id), QueueKeys.CONTROL_ADMIT_NOW)).isEqualTo("500");
            page.locator("body").click(new Locator.ClickOptions().setPosition(1, 1)); // out of the form: refreshes resume
            page.waitForCondition(() -> refreshes.get() >= 1, new Page.WaitForConditionOptions().setTimeout(10_000));
            page.waitForTimeout(500);
            assertThat(page.locator("#queue-flash .notice").textContent()).contains("바로 입장시킵니다");
            // the refreshed row's charts are drawn (SVG paths swapped in by htmx), the per-minute one too
            for (String line : new String[] {"waiting", "admitted", "dropped"}) {
                var box = page.locator("#queue-" + id + " svg.spark path." + line).boundingBox();
                assertThat(box).as(line).isNotNull();
                assertThat(box.width).as(line).isGreaterThan(3);
            }

            // a server error on a refresh is said, not swallowed
            page.route("**/admin/queues", route -> route.fulfill(new Route.FulfillOptions().setStatus(500).setBody("boom")));
            page.waitForCondition(() -> page.locator("#flash").textContent().contains("일시적인 오류가 발생했습니다"),
                    new Page.WaitForConditionOptions().setTimeout(10_000));
        }
    }

    @Test
    void inABrowserAnAdmitNowSentTwiceAtOnceActsOnce() {
        long id = aLiveSale().getId();
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("ko-KR"))) {
            Page page = queuesPageSignedIn(context);

            page.locator("#queue-" + id + " input[name=count]").fill("3");
            int before = audited(id);
            AtomicInteger admits = new AtomicInteger();
            page.onRequest(r -> {
                if ("POST".equals(r.method()) && r.url().endsWith("/admit")) {
                    admits.incrementAndGet();
                }
            });
            // a double click: the second submit comes while the first is in flight (sent at once, in the same tick, so
            // both would be sent before the first answer: counted by then)
            page.evaluate("id => { const f = document.querySelector('#queue-' + id + ' input[name=count]').form;"
                    + " f.requestSubmit(); f.requestSubmit(); }", Long.toString(id));
            page.locator("#queue-flash .notice").waitFor();
            assertThat(admits).hasValue(1);
            assertThat(redis.opsForHash().get(QueueKeys.control(id), QueueKeys.CONTROL_ADMIT_NOW)).isEqualTo("3");
            assertThat(audited(id)).isEqualTo(before + 1);
        }
    }

    @Test
    void onAPhoneEachQueueIsACardWhoseFiguresAreLabelledAndWhoseButtonsAreOnScreen() {
        long id = aLiveSale().getId();
        redis.opsForHash().put(QueueKeys.stats(id), QueueKeys.STAT_WAITING, "1234");
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("ko-KR")
                .setViewportSize(390, 844))) {
            Page page = queuesPageSignedIn(context);
            Locator row = page.locator("#queue-" + id);
            // nothing to scroll sideways to: the stop button and the admit field are within the screen
            assertFitsAPhone(page, row.locator("button.danger, input[name=count]"));
            // each figure says what it is, the table's header being out of sight
            Locator waiting = row.locator("td.num").first();
            assertThat(waiting.textContent()).isEqualTo("1234");
            assertThat(labelOf(page, waiting)).isEqualTo("\"대기 \"");
        }
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
