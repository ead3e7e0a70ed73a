package dev.astraphe.storefront.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.AbstractFlashMapManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps flash attributes in the shared session as one plain JSON string. Spring's default manager
 * stores a {@code CopyOnWriteArrayList<FlashMap>}: the session serialiser's allow-list refuses it,
 * and queue-edge (WebFlux) has no {@code FlashMap} class at all, so one pending flash message would
 * make the whole session unreadable there. Only String values are kept (message keys, an e-mail).
 */
class StringFlashMapManager extends AbstractFlashMapManager {

    static final String ATTRIBUTE = "astraphe.flash";
    private static final Logger log = LoggerFactory.getLogger(StringFlashMapManager.class);
    private static final TypeReference<List<Stored>> STORED_LIST = new TypeReference<>() { };

    private final JsonMapper json = JsonMapper.builder().build();

    record Stored(String path, Map<String, List<String>> params, long expiresAt, Map<String, String> attributes) {
    }

    @Override
    protected List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof String stored)) {
            return null;
        }
        try {
            List<FlashMap> maps = new ArrayList<>();
            for (Stored s : json.readValue(stored, STORED_LIST)) {
                FlashMap map = new FlashMap();
                map.setTargetRequestPath(s.path());
                s.params().forEach((name, values) -> values.forEach(v -> map.addTargetRequestParam(name, v)));
                map.setExpirationTime(s.expiresAt());
                map.putAll(s.attributes());
                maps.add(map);
            }
            return maps;
        } catch (RuntimeException e) {
            log.warn("Dropping unreadable flash attributes", e);
            return null;
        }
    }

    @Override
    protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
        if (flashMaps.isEmpty()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(ATTRIBUTE);
            }
            return;
        }
        List<Stored> stored = new ArrayList<>();
        for (FlashMap map : flashMaps) {
            Map<String, String> attributes = new LinkedHashMap<>();
            map.forEach((name, value) -> {
                if (value instanceof String s) {
                    attributes.put(name, s);
                } else if (value != null) {
                    log.warn("Flash attribute {} is not a String and is dropped", name);
                }
            });
            Map<String, List<String>> params = new LinkedHashMap<>(map.getTargetRequestParams());
            stored.add(new Stored(map.getTargetRequestPath(), params, map.getExpirationTime(), attributes));
        }
        request.getSession().setAttribute(ATTRIBUTE, json.writeValueAsString(stored));
    }
}
