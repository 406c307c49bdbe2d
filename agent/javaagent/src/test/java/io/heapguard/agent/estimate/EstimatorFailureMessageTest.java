package io.heapguard.agent.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.heapguard.MemoryEstimator;
import org.junit.jupiter.api.Test;

/** What the agent logs when a user's estimator throws never quotes the call's arguments. */
class EstimatorFailureMessageTest {

    private static final String QUERY = "secret patient query 4711";

    /** Throws with the argument in its message, as user code often does. */
    public static final class QuotingEstimator implements MemoryEstimator {
        @Override
        public long estimateBytes(Object[] args) {
            throw new IllegalArgumentException("cannot size query '" + args[0] + "'");
        }
    }

    @Test
    void estimatorThrows_failureNamesTheEstimatorAndExceptionClass_notTheMessage() {
        EstimatorInstanceEstimate estimate = new EstimatorInstanceEstimate(QuotingEstimator.class.getName(),
                "Search.run(String)", getClass().getClassLoader(), new FixedEstimate(1));

        Throwable failure = catchThrowable(() -> estimate.estimate(Arguments.of(new Object[] {QUERY})));

        assertThat(failure.toString()).doesNotContain(QUERY)
                .contains(QuotingEstimator.class.getName(), IllegalArgumentException.class.getName());
        assertThat(failure.getStackTrace()).as("the estimator's own frames are kept for debugging")
                .anyMatch(frame -> frame.getClassName().equals(QuotingEstimator.class.getName()));
    }
}
