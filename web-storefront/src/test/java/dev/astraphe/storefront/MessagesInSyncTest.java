package dev.astraphe.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Korean is the default bundle; English must translate every key and add none. */
class MessagesInSyncTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesInSyncTest.class.getResourceAsStream("/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishHasExactlyTheKoreanKeys() throws IOException {
        Properties ko = load("messages.properties");
        Properties en = load("messages_en.properties");
        assertThat(en.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(ko.stringPropertyNames());
        assertThat(ko.stringPropertyNames()).allSatisfy(key -> assertThat(ko.getProperty(key)).isNotBlank());
    }
}
