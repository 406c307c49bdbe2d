package io.heapguard.demo.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/** The requests the load generator sends: the light ones users send most, and the heavy ones they also send. */
public enum RequestKind {
    KEYWORD, FUZZY, VECTOR, HYBRID,
    /** Page 50 of 1000-hit pages: Lucene ranks offset + k. */
    DEEP,
    /** 50 texts embedded and searched in one request. */
    BATCH,
    /** Every match of a broad query, streamed. */
    EXPORT;

    private static final String[] WORDS = {"cat", "river", "music", "plant", "animal", "water", "light", "bank",
        "language", "tree", "money", "horse", "color", "bird", "stone", "ship", "fish", "fire", "law", "food"};
    private static final String[] PHRASES = {"large striped feline", "a place to keep money", "small flying insect",
        "musical instrument with strings", "a person who writes books", "frozen water", "a tall plant with a trunk",
        "the study of living things", "a fast animal that runs", "a sweet fruit"};
    private static final String[] BROAD = {"plant", "animal", "person", "water", "state", "act", "genus", "family"};
    private static final int DEEP_OFFSET = 49_000;
    private static final int DEEP_K = 1_000;
    private static final int BATCH_QUERIES = 50;
    private static final int BATCH_K = 100;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RequestKind parse(String name) {
        for (RequestKind kind : values()) {
            if (kind.cliName().equals(name)) {
                return kind;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (RequestKind kind : values()) {
            allowed.add(kind.cliName());
        }
        throw new IllegalArgumentException("unknown request kind '" + name + "' in --mix; allowed: "
                + String.join(", ", allowed));
    }

    /** A fresh request of this kind against {@code base} (e.g. {@code http://127.0.0.1:8080}). */
    public HttpRequest request(String base, RandomGenerator random) {
        String word = WORDS[random.nextInt(WORDS.length)];
        String phrase = PHRASES[random.nextInt(PHRASES.length)];
        return switch (this) {
            case KEYWORD -> get(base, "/search?mode=keyword&k=10&q=" + encode(word));
            case FUZZY -> get(base, "/search?mode=fuzzy&k=10&q=" + encode(typo(word, random)));
            case VECTOR -> get(base, "/search?mode=vector&k=10&q=" + encode(phrase));
            case HYBRID -> get(base, "/search?mode=hybrid&k=10&q=" + encode(phrase));
            case DEEP -> get(base, "/search?mode=keyword&k=" + DEEP_K + "&offset=" + DEEP_OFFSET
                    + "&q=" + encode(BROAD[random.nextInt(BROAD.length)] + " OR " + word));
            case BATCH -> post(base, "/search/batch", batchBody(random));
            case EXPORT -> get(base, "/export?q=" + encode(BROAD[random.nextInt(BROAD.length)]));
        };
    }

    private static String batchBody(RandomGenerator random) {
        StringBuilder body = new StringBuilder("{\"mode\":\"vector\",\"k\":" + BATCH_K + ",\"queries\":[");
        for (int i = 0; i < BATCH_QUERIES; i++) {
            body.append(i == 0 ? "" : ",").append('"').append(PHRASES[random.nextInt(PHRASES.length)])
                    .append(' ').append(WORDS[random.nextInt(WORDS.length)]).append('"');
        }
        return body.append("]}").toString();
    }

    /** Swaps two neighbouring letters: one edit, as a hurried typist makes. */
    private static String typo(String word, RandomGenerator random) {
        if (word.length() < 3) {
            return word;
        }
        int i = 1 + random.nextInt(word.length() - 2);
        char[] chars = word.toCharArray();
        char swap = chars[i];
        chars[i] = chars[i + 1];
        chars[i + 1] = swap;
        return new String(chars);
    }

    private static HttpRequest get(String base, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(REQUEST_TIMEOUT).GET().build();
    }

    private static HttpRequest post(String base, String path, String json) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
