package io.heapguard.bootstrap;

/** Packaged under inst/ by AgentClassLoaderTest, to be loaded by the isolated agent loader. */
public class HiddenFixture {
    public String hello() {
        return "hidden";
    }
}
