package io.heapguard.agent.internal;

/** The default operation name of a {@code @MemoryAware} method: {@code SimpleClassName#methodName}. */
final class OperationNames {

    private OperationNames() {
    }

    static String defaultFor(String className, String methodName) {
        return simpleName(className) + "#" + methodName;
    }

    /** {@code com.example.Outer$Inner} → {@code Inner}, like {@link Class#getSimpleName()} for named classes. */
    static String simpleName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int nested = simple.lastIndexOf('$');
        return nested >= 0 && nested < simple.length() - 1 ? simple.substring(nested + 1) : simple;
    }
}
