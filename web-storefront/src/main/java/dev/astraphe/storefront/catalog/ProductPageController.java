package dev.astraphe.storefront.catalog;

import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.storefront.admission.AdmissionGate;
import dev.astraphe.storefront.web.NotFoundException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The product page, public before and after the sale. While the sale is live it is gated: a
 * signed-in shopper needs an admission from the waiting room, a visitor logs in first; sellers and admins, who
 * cannot buy, see it as a preview. The status panel refreshes itself through the same handler (htmx asks for the
 * fragment).
 */
@Controller
class ProductPageController {

    private final RecentProductViews views;
    private final AdmissionGate gate;
    private final AppLinks links;
    private final CatalogProperties properties;

    ProductPageController(RecentProductViews views, AdmissionGate gate, AppLinks links, CatalogProperties properties) {
        this.views = views;
        this.gate = gate;
        this.links = links;
        this.properties = properties;
    }

    @GetMapping("/products/{id}")
    String product(@PathVariable long id, @AuthenticationPrincipal AstrapheUser user, HtmxRequest htmx,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        ProductView product = views.find(id).orElseThrow(() -> new NotFoundException("product"));
        // a seller or an admin checking the page: they cannot buy (the waiting room takes shoppers only), so they see
        // it as it is, marked as a preview, with nothing that leads into the waiting room and no admission asked for
        boolean preview = user != null && !user.hasRole(Role.SHOPPER);
        model.addAttribute("preview", preview);
        if (product.state() == SaleState.LIVE && !preview) {
            if (user == null) {
                String login = "/login?continue=" + URLEncoder.encode("/products/" + id, StandardCharsets.UTF_8);
                if (htmx.isHtmxRequest()) {
                    response.setHeader("HX-Redirect", login);
                    return null;
                }
                return "redirect:" + login;
            }
            var admission = gate.require(request, user, id, product.startsAt());
            model.addAttribute("admission", admission);
            // what the countdown shows before its script runs (and without one): the time left, not a clock time
            long left = Math.max(0, Duration.between(Instant.now(), admission.expiresAt()).toSeconds());
            model.addAttribute("admissionLeft", String.format("%02d:%02d:%02d", left / 3600, left % 3600 / 60, left % 60));
        }
        model.addAttribute("product", product);
        model.addAttribute("queueUrl", links.queue("/p/" + id));
        model.addAttribute("refreshSeconds", Math.max(1, properties.refreshEvery().toSeconds()));
        boolean refresh = htmx.isHtmxRequest();
        model.addAttribute("refresh", refresh);
        return refresh ? "catalog/product :: status" : "catalog/product";
    }
}
