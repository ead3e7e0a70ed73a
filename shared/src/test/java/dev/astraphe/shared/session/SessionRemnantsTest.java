package dev.astraphe.shared.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;

class SessionRemnantsTest {

    private static Map<String, Object> stored() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("creationTime", 1_700_000_000_000L);
        fields.put("lastAccessedTime", 1_700_000_060_000L);
        fields.put("maxInactiveInterval", 7200);
        fields.put("sessionAttr:greeting", "안녕");
        return fields;
    }

    @Test
    void aWholeSessionReadsAsSpringSessionReadsIt() {
        MapSession session = SessionRemnants.read("abc", stored());

        assertThat(session).isNotNull();
        assertThat(session.getId()).isEqualTo("abc");
        assertThat(session.getCreationTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(session.getLastAccessedTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_060_000L));
        assertThat(session.getMaxInactiveInterval()).isEqualTo(Duration.ofHours(2));
        assertThat((String) session.getAttribute("greeting")).isEqualTo("안녕");
        assertThat(SessionRemnants.readReactive("abc", stored()).block()).isNotNull();
    }

    /** The remnant a deletion race leaves is the zero timeout alone; any missing field makes it no session. */
    @Test
    void aHashMissingARequiredFieldIsNoSession() {
        assertThat(SessionRemnants.read("abc", new HashMap<>(Map.of("maxInactiveInterval", 0)))).isNull();
        assertThat(SessionRemnants.readReactive("abc", new HashMap<>(Map.of("maxInactiveInterval", 0))).block()).isNull();
        for (String field : SessionRemnants.REQUIRED) {
            Map<String, Object> fields = stored();
            fields.remove(field);
            assertThat(SessionRemnants.read("abc", fields)).as("without %s", field).isNull();
            assertThat(SessionRemnants.readReactive("abc", fields).hasElement().block()).as("without %s", field).isFalse();
        }
    }
}
