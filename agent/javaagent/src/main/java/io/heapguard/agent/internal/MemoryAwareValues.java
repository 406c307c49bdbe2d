package io.heapguard.agent.internal;

import io.heapguard.MemoryAware;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * The values of one {@code @MemoryAware}, read from the class file by attribute name (the agent
 * matches the annotation by name, so an application may compile against its own copy of the API;
 * an attribute its copy lacks takes the documented default).
 */
record MemoryAwareValues(String operation, String estimate, String estimatorClassName, long bytes,
                         String onReject, String fallback, long maxWaitMillis, int priority) {

    static final String ANNOTATION_NAME = "io.heapguard.MemoryAware";
    static final String NO_ESTIMATOR = "io.heapguard.MemoryEstimator";
    static final String THROW = "THROW";
    static final String WAIT = "WAIT";
    static final String FALLBACK = "FALLBACK";

    static MemoryAwareValues read(AnnotationDescription annotation) {
        return new MemoryAwareValues(
                string(annotation, "operation", ""),
                string(annotation, "estimate", ""),
                typeName(annotation, "estimator"),
                number(annotation, "bytes", MemoryAware.UNSET_BYTES),
                enumName(annotation, "onReject"),
                string(annotation, "fallback", ""),
                number(annotation, "maxWaitMillis", MemoryAware.DEFAULT_MAX_WAIT_MILLIS),
                (int) number(annotation, "priority", 0));
    }

    boolean hasFixedBytes() {
        return bytes != MemoryAware.UNSET_BYTES;
    }

    boolean hasEstimator() {
        return !NO_ESTIMATOR.equals(estimatorClassName);
    }

    private static String string(AnnotationDescription annotation, String property, String unset) {
        try {
            return annotation.getValue(property).resolve(String.class).strip();
        } catch (RuntimeException missingInThisApiVersion) {
            return unset;
        }
    }

    private static long number(AnnotationDescription annotation, String property, long unset) {
        try {
            return ((Number) annotation.getValue(property).resolve()).longValue();
        } catch (RuntimeException missingInThisApiVersion) {
            return unset;
        }
    }

    private static String typeName(AnnotationDescription annotation, String property) {
        try {
            return annotation.getValue(property).resolve(TypeDescription.class).getName();
        } catch (RuntimeException missingInThisApiVersion) {
            return NO_ESTIMATOR;
        }
    }

    private static String enumName(AnnotationDescription annotation, String property) {
        try {
            return annotation.getValue(property).resolve(EnumerationDescription.class).getValue();
        } catch (RuntimeException missingInThisApiVersion) {
            return THROW;
        }
    }
}
