package io.heapguard.it.overload;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Draws requests: mostly normal queries plus a share of the heavy ones real users send. The sizes
 * of the heavy requests are parameters so a smaller index slice (the ITs) can be overloaded too.
 *
 * @param weights         relative frequency of each kind (kinds absent or 0 are never sent)
 * @param deepPageK       k of a deep-page query
 * @param deepPageOffset  offset of a deep-page query
 * @param fuzzyK          k of a wide fuzzy query
 * @param batchQueries    queries in one vector batch
 * @param batchK          k of each query in a vector batch
 * @param distinctQueries whether each normal query's text is new (a second word and a number the
 *                        corpus does not hold), so neither the demo's result cache nor its
 *                        embedding cache answers it: the long tail of a real query stream
 */
public record RequestMix(Map<OverloadKind, Integer> weights, int deepPageK, int deepPageOffset,
                         int fuzzyK, int batchQueries, int batchK, boolean distinctQueries) {

    /** Specific words: few matches, small responses. */
    private static final String[] NORMAL_WORDS = {
        "river", "violin", "gravity", "harbor", "volcano", "lantern", "orchard", "glacier", "copper",
        "falcon", "meadow", "thunder", "bakery", "compass", "velvet", "diamond", "saddle", "tulip",
        "engine", "pepper", "canyon", "marble", "walnut", "ribbon", "senate", "vaccine", "harvest",
    };
    /**
     * OR-queries of ten words found in a large share of WordNet glosses: they match about half of
     * the corpus, so deep pages and exports over them are big (the query parser's default operator is OR).
     */
    private static final String[] COMMON_QUERIES = {
        "person act state used form part group having something small",
        "plant animal place relating quality made genus family large body",
        "person used form group small plant place quality genus large",
        "act state part having something animal relating made family body",
    };
    /** Short words: each fuzzy term expands to many index terms (Lucene caps it at 50 per field). */
    private static final String[] SHORT_TERMS = {"ab", "ca", "re", "al", "de", "co", "in", "st", "ma", "pe", "ro", "li"};
    /** Terms per wide fuzzy query: the demo's maximum. */
    private static final int FUZZY_TERMS_PER_QUERY = 8;
    /** Words appended to phrases in batches: few, so batch queries repeat (popular queries). */
    private static final int BATCH_WORD_CHOICES = 4;
    /** Natural-language queries for the embedding model. */
    private static final String[] PHRASES = {
        "a place where ships are kept", "an animal that flies at night", "music played with a bow",
        "frozen water that moves slowly", "a tool to find north", "a sweet food made of flour",
        "the act of gathering crops", "a soft fabric with a dense pile", "a mountain that erupts",
        "a person who studies the stars", "a device that produces light", "the force that pulls objects down",
    };

    static final int DEEP_PAGE_K = 8_000;
    static final int DEEP_PAGE_OFFSET = 2_000;
    static final int FUZZY_K = 2_000;
    /**
     * A batch job's size: the demo's maximum of 1000 queries, k=100 each (a 10-15 MB answer). Its
     * queries repeat popular ones, so most come from the demo's result cache: little CPU, much
     * memory, as real batch traffic over popular queries.
     */
    static final int BATCH_QUERIES = 1_000;
    static final int BATCH_K = 100;

    public RequestMix {
        Objects.requireNonNull(weights, "weights");
        weights = Map.copyOf(weights);
        if (weights.values().stream().anyMatch(w -> w < 0) || weights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("weights must be >= 0 with a positive sum, were " + weights);
        }
        if (deepPageK < 1 || deepPageOffset < 0 || fuzzyK < 1 || batchQueries < 1 || batchK < 1) {
            throw new IllegalArgumentException("request sizes must be positive (offset >= 0), were deepPageK=" + deepPageK
                    + " deepPageOffset=" + deepPageOffset + " fuzzyK=" + fuzzyK + " batchQueries=" + batchQueries
                    + " batchK=" + batchK);
        }
    }

    /** The mix of the comparison: about three in four requests are normal. */
    public static RequestMix standard() {
        Map<OverloadKind, Integer> w = new EnumMap<>(OverloadKind.class);
        w.put(OverloadKind.KEYWORD, 45);
        w.put(OverloadKind.VECTOR, 20);
        w.put(OverloadKind.DEEP_PAGE, 8);
        w.put(OverloadKind.FUZZY_WIDE, 4);
        w.put(OverloadKind.VECTOR_BATCH, 15);
        w.put(OverloadKind.EXPORT, 8);
        return new RequestMix(w, DEEP_PAGE_K, DEEP_PAGE_OFFSET, FUZZY_K, BATCH_QUERIES, BATCH_K, false);
    }

    /**
     * A service's everyday traffic, none of it heavy: keyword (70%) and vector (30%) queries for a
     * first page, each text new (see {@code distinctQueries}).
     */
    public static RequestMix everyday() {
        Map<OverloadKind, Integer> w = new EnumMap<>(OverloadKind.class);
        w.put(OverloadKind.KEYWORD, 70);
        w.put(OverloadKind.VECTOR, 30);
        return new RequestMix(w, DEEP_PAGE_K, DEEP_PAGE_OFFSET, FUZZY_K, BATCH_QUERIES, BATCH_K, true);
    }

    /** Only the given kind, with this mix's sizes (for per-operation limit tests). */
    public RequestMix only(OverloadKind kind) {
        return new RequestMix(Map.of(kind, 1), deepPageK, deepPageOffset, fuzzyK, batchQueries, batchK, distinctQueries);
    }

    public HttpRequestSpec next(Random random) {
        OverloadKind kind = pickKind(random);
        return switch (kind) {
            case KEYWORD -> HttpRequestSpec.get(kind, search(normal(random, pick(random, NORMAL_WORDS)), "keyword", 10, 0));
            case VECTOR -> HttpRequestSpec.get(kind, search(normal(random, pick(random, PHRASES)), "vector", 10, 0));
            case DEEP_PAGE -> HttpRequestSpec.get(kind, search(pick(random, COMMON_QUERIES), "keyword", deepPageK, deepPageOffset));
            case FUZZY_WIDE -> HttpRequestSpec.get(kind, search(fuzzyTerms(random), "fuzzy", fuzzyK, 0));
            case VECTOR_BATCH -> HttpRequestSpec.postJson(kind, "/search/batch", batchBody(random));
            case EXPORT -> HttpRequestSpec.get(kind, "/export?q=" + encode(pick(random, COMMON_QUERIES)));
        };
    }

    private OverloadKind pickKind(Random random) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int ticket = random.nextInt(total);
        for (OverloadKind kind : OverloadKind.values()) {
            ticket -= weights.getOrDefault(kind, 0);
            if (ticket < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("unreachable: weights " + weights);
    }

    private String batchBody(Random random) {
        StringBuilder json = new StringBuilder(64 + batchQueries * 40)
                .append("{\"mode\":\"vector\",\"k\":").append(batchK).append(",\"queries\":[");
        for (int i = 0; i < batchQueries; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(batchQuery(pick(random, PHRASES),
                    NORMAL_WORDS[random.nextInt(BATCH_WORD_CHOICES)])).append('"');
        }
        return json.append("]}").toString();
    }

    private static String batchQuery(String phrase, String word) {
        return phrase + ' ' + word;
    }

    /**
     * Every distinct query the batches use, as single searches with the batches' k: a running
     * service has its popular queries cached, so each run starts warm, whatever the protection.
     */
    public List<HttpRequestSpec> warmUpRequests() {
        List<HttpRequestSpec> requests = new ArrayList<>();
        if (weights.getOrDefault(OverloadKind.VECTOR_BATCH, 0) > 0) {
            for (String phrase : PHRASES) {
                for (int w = 0; w < BATCH_WORD_CHOICES; w++) {
                    requests.add(HttpRequestSpec.get(OverloadKind.VECTOR,
                            search(batchQuery(phrase, NORMAL_WORDS[w]), "vector", batchK, 0)));
                }
            }
        }
        return List.copyOf(requests);
    }

    /** A normal query's text: as drawn, or made new when {@code distinctQueries}. */
    private String normal(Random random, String text) {
        return distinctQueries ? text + ' ' + pick(random, NORMAL_WORDS) + ' ' + random.nextInt(1_000_000_000) : text;
    }

    private static String fuzzyTerms(Random random) {
        StringBuilder terms = new StringBuilder();
        for (int i = 0; i < FUZZY_TERMS_PER_QUERY; i++) {
            terms.append(i == 0 ? "" : " ").append(pick(random, SHORT_TERMS));
        }
        return terms.toString();
    }

    private static String search(String query, String mode, int k, int offset) {
        return "/search?q=" + encode(query) + "&mode=" + mode + "&k=" + k + (offset > 0 ? "&offset=" + offset : "");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
