package dev.astraphe.queue.web;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.View;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.thymeleaf.spring6.view.reactive.ThymeleafReactiveViewResolver;
import reactor.core.publisher.Mono;

/**
 * Thymeleaf's reactive view resolver creates, autowires and initialises a new view bean on every request
 * (WebFlux has no caching resolver), which cost a join more CPU than the Redis work it renders. This resolver
 * runs first and keeps each view once resolved; views are stateless, the exchange comes with every render.
 */
@Component
class CachingViewResolver implements ViewResolver, Ordered {

    /** Locales come from Accept-Language, which anybody can vary: past this many entries nothing more is kept. */
    private static final int MAX_ENTRIES = 256;

    private final ThymeleafReactiveViewResolver thymeleaf;
    private final ConcurrentMap<Key, View> views = new ConcurrentHashMap<>();

    CachingViewResolver(ThymeleafReactiveViewResolver thymeleaf) {
        this.thymeleaf = thymeleaf;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<View> resolveViewName(String viewName, Locale locale) {
        if (viewName.contains(":") && !viewName.contains("::")) {
            // redirect:/forward: and the like carry a URL; they are Thymeleaf's to build, every time
            return Mono.empty();
        }
        Key key = new Key(viewName, locale);
        View cached = views.get(key);
        if (cached != null) {
            return Mono.just(cached);
        }
        return thymeleaf.resolveViewName(viewName, locale).doOnNext(view -> {
            if (views.size() < MAX_ENTRIES) {
                views.putIfAbsent(key, view);
            }
        });
    }

    private record Key(String viewName, Locale locale) {
    }
}
