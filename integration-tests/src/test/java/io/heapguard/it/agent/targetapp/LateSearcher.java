package io.heapguard.it.agent.targetapp;

/** An implementation of the targeted interface that nothing loads before the {@code late} command. */
public final class LateSearcher implements TargetApp.Searcher {

    @Override
    public int search(String query, int k) {
        TargetApp.countBodyRun();
        return k;
    }
}
