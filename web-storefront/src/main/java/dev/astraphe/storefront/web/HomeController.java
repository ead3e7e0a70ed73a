package dev.astraphe.storefront.web;

import dev.astraphe.storefront.catalog.ProductViews;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

    private final ProductViews products;

    HomeController(ProductViews products) {
        this.products = products;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("products", products.listed());
        return "home";
    }
}
