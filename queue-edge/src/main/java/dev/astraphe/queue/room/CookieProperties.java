package dev.astraphe.queue.room;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Whether cookies carry {@code Secure} (true behind HTTPS). */
@ConfigurationProperties("astraphe.cookies")
record CookieProperties(@DefaultValue("false") boolean secure) {
}
