package io.heapguard.agent.targets;

import java.util.List;
import java.util.Set;

/**
 * Recognises classes generated to stand in front of a real object: JDK dynamic proxies, CGLIB
 * subclasses (Spring's {@code $$SpringCGLIB$$}), Byte Buddy and Hibernate proxies. Their methods
 * forward to the real method, which is woven itself; weaving the proxy too would count every call twice.
 */
final class FrameworkProxies {

    private static final String JDK_PROXY = "java.lang.reflect.Proxy";
    /** Generated-class naming conventions: CGLIB {@code $$EnhancerBy...$$}, Spring {@code $$SpringCGLIB$$}, Byte Buddy {@code $ByteBuddy$}. */
    private static final List<String> NAME_MARKERS = List.of("$$", "$ByteBuddy$", "$HibernateProxy$");
    private static final Set<String> MARKER_INTERFACES = Set.of(
            "org.springframework.cglib.proxy.Factory",
            "net.sf.cglib.proxy.Factory",
            "org.springframework.aop.SpringProxy",
            "org.hibernate.proxy.HibernateProxy",
            "org.hibernate.proxy.ProxyConfiguration");

    private FrameworkProxies() {
    }

    /**
     * @param superName  the direct superclass's binary name, or null
     * @param interfaces the directly implemented interfaces' binary names
     */
    static boolean isProxy(String className, String superName, List<String> interfaces) {
        if (JDK_PROXY.equals(superName)) {
            return true;
        }
        for (String marker : NAME_MARKERS) {
            if (className.contains(marker)) {
                return true;
            }
        }
        for (String type : interfaces) {
            if (MARKER_INTERFACES.contains(type)) {
                return true;
            }
        }
        return false;
    }
}
