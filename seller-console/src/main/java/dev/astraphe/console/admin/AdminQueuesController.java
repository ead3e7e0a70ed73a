package dev.astraphe.console.admin;

import dev.astraphe.shared.session.AstrapheUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Upcoming and live queues with their figures and last hour's chart, refreshed by htmx; pause,
 * resume, admit the next N now, stop. The page and the polled table come from the same handler.
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
        model.addAttribute("rows", board.rows());
        model.addAttribute("done", done);
        return htmx.isHtmxRequest() ? "admin/queues :: table" : "admin/queues";
    }

    @PostMapping("/{id}/pause")
    String pause(@PathVariable long id, @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        try {
            controls.pause(me.id(), id);
        } catch (QueueControls.QueueStoppedException e) {
            return refused("admin.queues.stopped", htmx, model);
        }
        return acted(id, "queue-paused", htmx, model);
    }

    @PostMapping("/{id}/resume")
    String resume(@PathVariable long id, @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        try {
            controls.resume(me.id(), id);
        } catch (QueueControls.QueueStoppedException e) {
            return refused("admin.queues.stopped", htmx, model);
        }
        return acted(id, "queue-resumed", htmx, model);
    }

    @PostMapping("/{id}/stop")
    String stop(@PathVariable long id, @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        controls.stop(me.id(), id);
        return acted(id, "queue-stopped", htmx, model);
    }

    @PostMapping("/{id}/admit")
    String admit(@PathVariable long id, @RequestParam(defaultValue = "0") int count,
                 @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        if (count < 1 || count > QueueControls.MAX_ADMIT_NOW) {
            return refused("admin.queues.admit.invalid", htmx, model);
        }
        // before the start nobody can be admitted (the pre-queue is drawn at the start): the count would wait unseen
        // and then act at the start, past the product's admission delay, long after the admin asked
        if (!board.started(id)) {
            return refused("admin.queues.admit.notStarted", htmx, model);
        }
        controls.admitNow(me.id(), id, count);
        return acted(id, "queue-admitted", htmx, model);
    }

    /** The page again with the reason nothing was done. */
    private String refused(String error, HtmxRequest htmx, Model model) {
        model.addAttribute("rows", board.rows());
        model.addAttribute("error", error);
        return htmx.isHtmxRequest() ? "admin/queues :: table" : "admin/queues";
    }

    private String acted(long id, String done, HtmxRequest htmx, Model model) {
        if (htmx.isHtmxRequest()) {
            model.addAttribute("rows", board.rows());
            model.addAttribute("done", done);
            return "admin/queues :: table";
        }
        return "redirect:/admin/queues?done=" + done;
    }
}
