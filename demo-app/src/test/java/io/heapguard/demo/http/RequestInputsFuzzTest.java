package io.heapguard.demo.http;

import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Both request parsers behind one fuzz test (the first byte picks one): what the build fuzzes for a
 * few seconds, since Jazzer fuzzes one test per JVM. The long runs fuzz each alone (docs/fuzzing.md).
 */
class RequestInputsFuzzTest {

    private final HttpParsingFuzzTest parsing = new HttpParsingFuzzTest();

    @FuzzTest(maxDuration = "5s")
    void anyParser(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        if ((input[0] & 1) == 0) {
            parsing.searchQuery(rest);
        } else {
            parsing.batchBody(rest);
        }
    }
}
