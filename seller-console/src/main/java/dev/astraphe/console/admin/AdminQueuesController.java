package dev.astraphe.console.admin;

import dev.astraphe.shared.session.AstrapheUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.math.BigDecimal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Upcoming and live queues with their figures and last hour's chart, and each one's own page with a larger chart,
 * refreshed by htmx; pause, resume, admit the next N now, stop. The page and the polled table come from the same
 * handler.
 * An action's outcome (done, or refused with the reason) is shown outside the polled table, so the next refresh
 * does not wipe it; a refused count is shown back in its field.
 */
@Controller
@RequestMapping("/admin/queues")
class AdminQueuesController {

    private final QueueBoard board;
    private final QueueControls controls;

    AdminQueuesController(QueueBoard board, QueueControls controls) {
        this.board = board;
        this.controls = controls;
    }

    @GetMapping
    String queues(@RequestParam(required = false) String done, HtmxRequest htmx, Model model) {
        model.addAttribute("board", board.board());
        if (!htmx.isHtmxRequest()) {
            model.addAttribute("done", done);
        }
        return htmx.isHtmxRequest() ? "admin/queues :: table" : "admin/queues";
    }

    /**
     * One waiting room's own page: its figures and a large chart of its last hour or, by default, of the whole room
     * (a long sale's opening included), refreshed by htmx; also after the sale, while its history is kept.
     */
    @GetMapping("/{id}")
    String queue(@PathVariable long id, @RequestParam(defaultValue = "room") String span, HtmxRequest htmx, Model model) {
        QueueBoard.Span shown = "hour".equals(span) ? QueueBoard.Span.HOUR : QueueBoard.Span.ROOM;
        model.addAttribute("detail", board.detail(id, shown));
        return htmx.isHtmxRequest() ? "admin/queue :: detail" : "admin/queue";
    }

    @PostMapping("/{id}/pause")
    String pause(@PathVariable long id, @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        return act(() -> controls.pause(me.id(), id), "queue-paused", htmx, model);
    }

    @PostMapping("/{id}/resume")
    String resume(@PathVariable long id, @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        return act(() -> controls.resume(me.id(), id), "queue-resumed", htmx, model);
    }

    @PostMapping("/{id}/stop")
    String stop(@PathVariable long id, @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        return act(() -> controls.stop(me.id(), id), "queue-stopped", htmx, model);
    }

    @PostMapping("/{id}/admit")
    String admit(@PathVariable long id, @RequestParam(defaultValue = "") String count,
                 @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        Integer n = count(count);
        String refused = "admin.queues.admit.invalid";
        if (n != null) {
            try {
                controls.admitNow(me.id(), id, n);
                return outcome("queue-admitted", null, htmx, model);
            } catch (QueueControls.Refused e) {
                refused = e.reason().messageKey();
            }
        }
        model.addAttribute("refusedCount", new RefusedCount(id, count.strip()));
        return outcome(null, refused, htmx, model);
    }

    /** A count between 1 and the most admitted at once, as a browser's number field may send it ("1e3", "50.0"). */
    private static Integer count(String text) {
        try {
            BigDecimal value = new BigDecimal(text.strip());
            if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(QueueControls.MAX_ADMIT_NOW)) > 0) {
                return null;
            }
            return value.intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private String act(Runnable action, String done, HtmxRequest htmx, Model model) {
        try {
            action.run();
        } catch (QueueControls.Refused e) {
            return outcome(null, e.reason().messageKey(), htmx, model);
        }
        return outcome(done, null, htmx, model);
    }

    /** The table again with what happened; a plain form post is redirected after success (post-redirect-get). */
    private String outcome(String done, String error, HtmxRequest htmx, Model model) {
        if (done != null && !htmx.isHtmxRequest()) {
            return "redirect:/admin/queues?done=" + done;
        }
        model.addAttribute("board", board.board());
        model.addAttribute("done", done);
        model.addAttribute("error", error);
        if (htmx.isHtmxRequest()) {
            model.addAttribute("oob", true); // the outcome goes out of band, above the table
        }
        return htmx.isHtmxRequest() ? "admin/queues :: table" : "admin/queues";
    }

    /** The count an admin asked for and was refused, shown back in that row's field. */
    record RefusedCount(long productId, String value) {
    }
}
