package dev.astraphe.console.web;

import dev.astraphe.shared.web.LanguageCookie;
import dev.astraphe.shared.web.ServletWebConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The console speaks the language chosen anywhere on the host: the storefront's language cookie
 * ({@link LanguageCookie}), or {@code ?lang=} here, which sets it for the storefront and the waiting room too; else
 * the browser's Accept-Language, Korean first. Its error pages are set up as the storefront's are.
 */
@Configuration(proxyBeanMethods = false)
@Import(ServletWebConfiguration.class)
class WebConfiguration {
}
