package dev.astraphe.queue.admission;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code Secure} on the cookies this app sets: on behind HTTPS, off for plain-HTTP local runs. */
@ConfigurationProperties("astraphe.cookies")
record CookieProperties(boolean secure) {
}
