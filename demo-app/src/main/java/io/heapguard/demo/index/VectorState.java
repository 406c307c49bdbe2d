package io.heapguard.demo.index;

/** Where the vector half of a served index stands: keyword search works in every state. */
public enum VectorState {
    /** The embeddings are being computed; vector, exact and hybrid searches must wait. */
    BUILDING,
    /** The complete index (text and vectors) is being served. */
    READY,
    /** The build failed; keyword search keeps working, vectors come only with a restart. */
    FAILED;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
