package io.heapguard.agent;

import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.heapguard.agent.config.ConfigFuzzTest;
import io.heapguard.agent.estimate.EstimateFuzzTest;

/**
 * Every parser of outside input the agent has, behind one fuzz test: the first byte picks the
 * parser, the rest is its input. This is what the build fuzzes for a few seconds (Jazzer fuzzes one
 * test per JVM, and starting it costs more than the fuzzing); the long runs fuzz each parser alone
 * ({@code scripts/fuzz.sh}, docs/fuzzing.md).
 */
class AgentInputsFuzzTest {

    private final EstimateFuzzTest estimate = new EstimateFuzzTest();
    private final ConfigFuzzTest config = new ConfigFuzzTest();

    @FuzzTest(maxDuration = "5s")
    void anyParser(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        switch ((input[0] & 0xff) % 5) {
            case 0 -> estimate.parseAndEvaluate(rest);
            case 1 -> config.agentArguments(rest);
            case 2 -> config.propertiesAndEnvironment(rest);
            case 3 -> config.configFile(rest);
            default -> config.compactTargets(rest);
        }
    }
}
