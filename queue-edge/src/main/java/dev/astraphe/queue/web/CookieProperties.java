package dev.astraphe.queue.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code Secure} on the cookies queue-edge sets (tickets, admissions): on behind HTTPS, off for plain-HTTP local runs. */
@ConfigurationProperties("astraphe.cookies")
public record CookieProperties(@DefaultValue("false") boolean secure) {
}
