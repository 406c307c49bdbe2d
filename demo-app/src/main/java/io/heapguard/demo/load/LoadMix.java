package io.heapguard.demo.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Weighted request kinds, parsed from {@code keyword=5,vector=2,deep=1}. */
public final class LoadMix {

    public static final String DEFAULT = "keyword=4,fuzzy=2,vector=2,hybrid=1,deep=1,batch=1,export=1";

    private final RequestKind[] kinds;
    private final int[] cumulativeWeights;

    private LoadMix(Map<RequestKind, Integer> weights) {
        this.kinds = weights.keySet().toArray(RequestKind[]::new);
        this.cumulativeWeights = new int[kinds.length];
        int sum = 0;
        for (int i = 0; i < kinds.length; i++) {
            sum += weights.get(kinds[i]);
            cumulativeWeights[i] = sum;
        }
    }

    public static LoadMix parse(String spec) {
        Map<RequestKind, Integer> weights = new EnumMap<>(RequestKind.class);
        for (String part : spec.split(",")) {
            String[] kindAndWeight = part.strip().split("=", 2);
            RequestKind kind = RequestKind.parse(kindAndWeight[0].strip());
            int weight;
            try {
                weight = kindAndWeight.length == 1 ? 1 : Integer.parseInt(kindAndWeight[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mix weight for " + kind.cliName() + " must be an integer, was '"
                        + kindAndWeight[1] + "'");
            }
            if (weight < 0 || weight > 1_000) {
                throw new IllegalArgumentException("--mix weight for " + kind.cliName() + " must be 0 to 1000, was "
                        + weight);
            }
            if (weight > 0) {
                weights.put(kind, weight);
            }
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("--mix '" + spec + "' selects no request kind; e.g. " + DEFAULT);
        }
        return new LoadMix(weights);
    }

    public RequestKind next(RandomGenerator random) {
        int pick = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        for (int i = 0; i < kinds.length; i++) {
            if (pick < cumulativeWeights[i]) {
                return kinds[i];
            }
        }
        return kinds[kinds.length - 1];
    }
}
