package dev.astraphe.queue.web;

import java.util.List;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;

/**
 * The application's codecs as a request's exchange sees them ({@code WebHttpHandlerBuilder.codecConfigurer}: the
 * exchange is all this configurer serves), with the lists built once. Spring's configurer builds both lists, with a
 * new instance of every default codec, on each call; {@code DefaultServerWebExchange} asks for the readers on every
 * form post, so each htmx join (a form post) paid for a whole set of codecs.
 *
 * <p>The readers are only those an exchange can use. An exchange asks for a reader of form data
 * ({@code MultiValueMap<String, String>}) when a request's content type is {@code application/x-www-form-urlencoded}
 * and for one of multipart data ({@code MultiValueMap<String, Part>}) when it is {@code multipart/form-data} (both
 * with any parameters; Spring skips wildcard types), and nothing else. It asks every reader in turn and keeps the
 * last that can read the data, so with all the application's readers each join asked about ten of them (0.7 µs of
 * queue-edge's 43 µs per join in a profile of 2026-12-06). A reader that reads neither kind under its content type could never be
 * picked, so leaving it out changes no exchange's choice, as long as no reader's answer depends on the content
 * type's parameters (none of Spring's does). Changing the configuration through this object starts the lists afresh.
 */
final class SettledCodecConfigurer implements ServerCodecConfigurer {

    private static final ResolvableType FORM_DATA = ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, String.class);
    private static final ResolvableType MULTIPART_DATA = ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, Part.class);

    private final ServerCodecConfigurer codecs;
    private volatile List<HttpMessageReader<?>> readers;
    private volatile List<HttpMessageWriter<?>> writers;

    SettledCodecConfigurer(ServerCodecConfigurer codecs) {
        this.codecs = codecs;
    }

    @Override
    public List<HttpMessageReader<?>> getReaders() {
        List<HttpMessageReader<?>> known = readers;
        if (known == null) {
            known = codecs.getReaders().stream().filter(SettledCodecConfigurer::readsForms).toList();
            readers = known;
        }
        return known;
    }

    /** Whether the reader reads form or multipart data under the content type an exchange would ask with. */
    static boolean readsForms(HttpMessageReader<?> reader) {
        return reader.canRead(FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED)
                || reader.canRead(MULTIPART_DATA, MediaType.MULTIPART_FORM_DATA);
    }

    @Override
    public List<HttpMessageWriter<?>> getWriters() {
        List<HttpMessageWriter<?>> known = writers;
        if (known == null) {
            known = List.copyOf(codecs.getWriters());
            writers = known;
        }
        return known;
    }

    @Override
    public ServerDefaultCodecs defaultCodecs() {
        unsettle();
        return codecs.defaultCodecs();
    }

    @Override
    public CustomCodecs customCodecs() {
        unsettle();
        return codecs.customCodecs();
    }

    @Override
    public void registerDefaults(boolean registerDefaults) {
        unsettle();
        codecs.registerDefaults(registerDefaults);
    }

    @Override
    public ServerCodecConfigurer clone() {
        return codecs.clone();
    }

    private void unsettle() {
        readers = null;
        writers = null;
    }
}
