package io.heapguard.agent.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class EstimatePropertyTest {

    /** A bean: getter, boolean is-getter, and a collection getter. */
    public static final class Bean {
        private final int limit;
        private final List<String> terms;

        public Bean(int limit, List<String> terms) {
            this.limit = limit;
            this.terms = terms;
        }

        public int getLimit() {
            return limit;
        }

        public List<String> getTerms() {
            return terms;
        }

        public boolean isExact() {
            return true;
        }
    }

    /** Public fields only. */
    public static final class Fields {
        public long size = 4096;
        public Integer missing;
    }

    /** An interface-typed parameter; the implementation is a private class. */
    public interface Sized {
        long bytes();
    }

    private static final class HiddenSized implements Sized {
        @Override
        public long bytes() {
            return 777;
        }
    }

    /** Not public: read through trySetAccessible. */
    private record PrivateQuery(int limit) {
    }

    public static final class Throwing {
        public int getLimit() {
            throw new IllegalStateException("boom");
        }
    }

    public static final class CountingGetter {
        public int calls;

        public int getLimit() {
            calls++;
            return 3;
        }
    }

    private static long eval(String source, String type, Object arg) throws EstimateSyntaxException {
        return EstimateExpression.parse(source, List.of("p"), List.of(type)).evaluate(new Object[] {arg});
    }

    @Test
    void property_recordComponent_readsValue() throws Exception {
        assertThat(eval("p.limit * 2", "java.lang.Object", new EstimateExpressionTest.Query("q", 21, 5, List.of())))
                .isEqualTo(42);
    }

    @Test
    void property_privateRecord_readsThroughSuppressedAccessChecks() throws Exception {
        assertThat(eval("p.limit", PrivateQuery.class.getName(), new PrivateQuery(12))).isEqualTo(12);
    }

    @Test
    void property_beanGetter_readsValue() throws Exception {
        assertThat(eval("p.limit + len(p.terms)", Bean.class.getName(), new Bean(10, List.of("a", "b"))))
                .isEqualTo(12);
    }

    @Test
    void property_publicField_readsValue() throws Exception {
        assertThat(eval("p.size", Fields.class.getName(), new Fields())).isEqualTo(4096);
        assertThat(eval("p.missing ?: 8", Fields.class.getName(), new Fields())).isEqualTo(8);
    }

    @Test
    void property_interfaceTypedParameter_resolvedOnRuntimeClass() throws Exception {
        assertThat(eval("p.bytes", Sized.class.getName(), new HiddenSized())).isEqualTo(777);
    }

    @Test
    void property_publicClassInheritingFromPackagePrivateBase_readsGetterAndField() throws Exception {
        assertThat(eval("p.width * p.height", "java.lang.Object", new PublicDerivedBean())).isEqualTo(42);
    }

    @Test
    void property_privateJdkClass_readsThroughPublicInterface() throws Exception {
        List<String> hidden = Collections.unmodifiableList(new ArrayList<>(List.of("a", "b", "c")));

        assertThat(eval("p.size * 10", "java.lang.Object", hidden)).isEqualTo(30);
    }

    @Test
    void property_differentRuntimeClassesAtOneSite_eachResolved() throws Exception {
        EstimateExpression expression = EstimateExpression.parse("p.limit", List.of("p"), List.of("java.lang.Object"));

        assertThat(expression.evaluate(new Object[] {new Bean(4, List.of())})).isEqualTo(4);
        assertThat(expression.evaluate(new Object[] {new PrivateQuery(6)})).isEqualTo(6);
        assertThat(expression.evaluate(new Object[] {new Bean(5, List.of())})).isEqualTo(5);
    }

    @Test
    void property_missing_explainsWhatWasTriedAndSuggests() throws Exception {
        EstimateExpression expression = EstimateExpression.parse("p.limt * 2", List.of("p"), List.of("java.lang.Object"));

        assertThatThrownBy(() -> expression.evaluate(new Object[] {new Bean(1, List.of())}))
                .isInstanceOf(EstimateEvaluationException.class)
                .hasMessageContaining("cannot evaluate estimate 'p.limt * 2'")
                .hasMessageContaining(Bean.class.getName() + " has no property 'limt'")
                .hasMessageContaining("getLimt(), isLimt(), limt() and a public field")
                .hasMessageContaining("did you mean 'limit'?")
                .hasMessageContaining("available: exact, limit, terms");
    }

    @Test
    void property_missing_isResolvedOnceAndFailsTheSameEveryCall() throws Exception {
        EstimateExpression expression = EstimateExpression.parse("p.nope", List.of("p"), List.of("java.lang.Object"));
        Object[] args = {new Fields()};

        String first = messageOf(() -> expression.evaluate(args));
        String second = messageOf(() -> expression.evaluate(args));

        assertThat(second).isEqualTo(first).contains("has no property 'nope'");
        assertThat(PropertyAccessors.find(Fields.class, "nope")).isSameAs(PropertyAccessors.find(Fields.class, "nope"));
        assertThat(PropertyAccessors.find(Fields.class, "nope").isMissing()).isTrue();
    }

    @Test
    void property_getterThrows_wrappedWithGetterName() throws Exception {
        assertThatThrownBy(() -> eval("p.limit", "java.lang.Object", new Throwing()))
                .isInstanceOf(EstimateEvaluationException.class)
                .hasMessageEndingWith(Throwing.class.getName() + ".getLimit() threw java.lang.IllegalStateException")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void property_getterIsCalledOncePerEvaluation() throws Exception {
        CountingGetter getter = new CountingGetter();

        eval("p.limit * 2", "java.lang.Object", getter);

        assertThat(getter.calls).isEqualTo(1);
    }

    @Test
    void property_ofNullTarget_isNullSoDefaultApplies() throws Exception {
        assertThat(eval("p.limit ?: 64", Bean.class.getName(), null)).isEqualTo(64);
        assertThat(eval("len(p.terms)", Bean.class.getName(), null)).isZero();
    }

    @Test
    void property_ofNullTargetWithoutDefault_namesTheNullPart() {
        assertThatThrownBy(() -> eval("p.limit * 2", Bean.class.getName(), null))
                .isInstanceOf(EstimateEvaluationException.class)
                .hasMessageContaining("'p' is null, so 'p.limit' has no value; give a default with 'p.limit ?: <bytes>'");
    }

    @Test
    void property_nonNumericValueUsedAsNumber_suggestsLen() {
        assertThatThrownBy(() -> eval("p.terms * 2", Bean.class.getName(), new Bean(1, List.of("a"))))
                .isInstanceOf(EstimateEvaluationException.class)
                .hasMessageContaining("'p.terms' is a java.util.ImmutableCollections$List12, not a number;"
                        + " len(p.terms) gives its length");
    }

    private static String messageOf(Runnable action) {
        try {
            action.run();
        } catch (EstimateEvaluationException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an EstimateEvaluationException");
    }
}
