package dev.astraphe.storefront.web;

import dev.astraphe.shared.web.ServletWebConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.FlashMapManager;

/** The servlet apps' shared web set-up (language, error pages), and flash messages kept as JSON strings. */
@Configuration(proxyBeanMethods = false)
@Import(ServletWebConfiguration.class)
class WebConfiguration {

    /** The bean name is what the DispatcherServlet looks up. */
    @Bean
    FlashMapManager flashMapManager() {
        return new StringFlashMapManager();
    }
}
