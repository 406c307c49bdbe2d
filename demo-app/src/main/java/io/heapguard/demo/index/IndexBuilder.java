package io.heapguard.demo.index;

import io.heapguard.demo.corpus.Corpus;
import io.heapguard.demo.corpus.CorpusDoc;
import io.heapguard.demo.corpus.CorpusSlice;
import io.heapguard.demo.embed.SentenceEmbedder;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds an index (text fields and embeddings) into a directory, with a progress bar. The
 * embedding of the next chunk runs while the current one is added, so the embedding threads and
 * the HNSW graph building (in {@code addDocument}) overlap; merges of HNSW graphs use every core.
 */
final class IndexBuilder {

    /**
     * Documents embedded together: the embedder sorts them by length and pads each model call only
     * to its longest text, so a larger chunk pads less.
     */
    private static final int EMBED_CHUNK_DOCS = 1_024;
    /**
     * Large enough for the whole WordNet corpus (~180 MB of vectors) to be one segment, so no HNSW
     * graph is built twice by a merge; a quarter of the heap at most.
     */
    private static final double RAM_BUFFER_MB = Math.min(512, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024));

    private final SentenceEmbedder embedder;
    private final PrintStream log;

    IndexBuilder(SentenceEmbedder embedder, PrintStream log) {
        this.embedder = embedder;
        this.log = log;
    }

    CorpusStats build(Corpus corpus, CorpusSlice slice, Path dir) throws IOException {
        List<CorpusDoc> docs = new ArrayList<>();
        corpus.read(slice, docs::add);
        ProgressBar progress = new ProgressBar("indexing " + corpus.cliName(), docs.size(), log);
        long totalHitBytes = 0;
        long maxHitBytes = 0;
        ExecutorService mergeWorkers = Executors.newFixedThreadPool(SentenceEmbedder.INDEXING_THREADS);
        IndexWriterConfig config = new IndexWriterConfig(IndexFields.analyzer())
                .setRAMBufferSizeMB(RAM_BUFFER_MB)
                .setCodec(codec(mergeWorkers))
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try (Directory directory = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(directory, config)) {
            CompletableFuture<List<float[]>> next = embedAsync(docs, 0);
            for (int start = 0; start < docs.size(); start += EMBED_CHUNK_DOCS) {
                List<float[]> vectors = join(next);
                next = embedAsync(docs, start + EMBED_CHUNK_DOCS);
                for (int i = 0; i < vectors.size(); i++) {
                    CorpusDoc doc = docs.get(start + i);
                    long hitBytes = doc.word().getBytes(StandardCharsets.UTF_8).length
                            + doc.text().getBytes(StandardCharsets.UTF_8).length;
                    totalHitBytes += hitBytes;
                    maxHitBytes = Math.max(maxHitBytes, hitBytes);
                    writer.addDocument(toDocument(doc, vectors.get(i)));
                }
                progress.advance(vectors.size());
            }
            writer.commit();
        } finally {
            mergeWorkers.shutdownNow();
        }
        progress.finish();
        long avgHitBytes = docs.isEmpty() ? 0 : totalHitBytes / docs.size();
        return new CorpusStats(docs.size(), avgHitBytes, maxHitBytes, 0);
    }

    private CompletableFuture<List<float[]>> embedAsync(List<CorpusDoc> docs, int start) {
        if (start >= docs.size()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<String> texts = docs.subList(start, Math.min(docs.size(), start + EMBED_CHUNK_DOCS))
                .stream().map(CorpusDoc::embeddingText).toList();
        return CompletableFuture.supplyAsync(() -> embedder.embedAll(texts));
    }

    private static List<float[]> join(CompletableFuture<List<float[]>> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw new IOException("embedding failed: " + e.getCause(), e.getCause());
        }
    }

    /** The default codec, with HNSW graphs merged by several threads (Lucene's defaults otherwise). */
    private static Codec codec(ExecutorService mergeWorkers) {
        KnnVectorsFormat vectors = new Lucene99HnswVectorsFormat(Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
                Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH, SentenceEmbedder.INDEXING_THREADS, mergeWorkers);
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return vectors;
            }
        };
    }

    private static Document toDocument(CorpusDoc doc, float[] vector) {
        Document document = new Document();
        document.add(new StringField(IndexFields.ID, doc.id(), Field.Store.YES));
        document.add(new TextField(IndexFields.WORD, doc.word(), Field.Store.YES));
        document.add(new TextField(IndexFields.TEXT, doc.text(), Field.Store.YES));
        document.add(new KnnFloatVectorField(IndexFields.VECTOR, vector, IndexFields.SIMILARITY));
        return document;
    }
}
