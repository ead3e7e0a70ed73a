package dev.astraphe.storefront.web;

import dev.astraphe.storefront.catalog.ProductView;
import dev.astraphe.storefront.catalog.ProductViews;
import dev.astraphe.storefront.catalog.QueuePauses;
import dev.astraphe.storefront.catalog.SaleState;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

    private final ProductViews products;
    private final QueuePauses pauses;

    HomeController(ProductViews products, QueuePauses pauses) {
        this.products = products;
        this.pauses = pauses;
    }

    @GetMapping("/")
    String home(Model model) {
        List<ProductView> listed = products.listed();
        model.addAttribute("products", listed);
        model.addAttribute("paused", pauses.of(listed.stream().filter(p -> p.state() == SaleState.LIVE).map(ProductView::id).toList()));
        return "home";
    }
}
