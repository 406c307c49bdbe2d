package io.heapguard.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Makes the JDK 25 coverage visible: this test is reported as skipped, with the path, when JDK 25 is absent. */
class JdkPresenceIT {

    @Test
    void buildJdk_isPresent() {
        assertThat(Jdk.BUILD.isPresent()).isTrue();
    }

    @Test
    void jdk25_isPresentForCrossVersionTests() {
        Jdk.JDK25.assumePresent();
        assertThat(Jdk.JDK25.javaExecutable()).isExecutable();
    }
}
