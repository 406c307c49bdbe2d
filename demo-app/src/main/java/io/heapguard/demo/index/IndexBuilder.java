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
 * Builds an index into a directory: the complete one (text fields and embeddings), with a progress
 * bar, or a keyword-only one (text fields, no model: seconds) to serve while the complete one is
 * built. The
 * embedding of the next chunk runs while the current one is added, so the embedding threads and
 * the HNSW graph building (in {@code addDocument}) overlap; merges of HNSW graphs use every core.
 */
final class IndexBuilder {

    /**
     * Documents embedded together: the embedder sorts them by length and pads each model call only
     * to its longest text, so a larger chunk pads less.
     */
    static final int EMBED_CHUNK_DOCS = 1_024;
    /**
     * Large enough for the whole WordNet corpus (~180 MB of vectors) to be one segment, so no HNSW
     * graph is built twice by a merge; a quarter of the heap at most.
     */
    private static final double RAM_BUFFER_MB = Math.min(512, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024));

    private final SentenceEmbedder embedder;
    private final PrintStream log;
    private final int embedChunkDocs;

    IndexBuilder(SentenceEmbedder embedder, PrintStream log, int embedChunkDocs) {
        if (embedChunkDocs < 1) {
            throw new IllegalArgumentException("embedChunkDocs must be >= 1, was " + embedChunkDocs);
        }
        this.embedder = embedder;
        this.log = log;
        this.embedChunkDocs = embedChunkDocs;
    }

    static List<CorpusDoc> read(Corpus corpus, CorpusSlice slice) throws IOException {
        List<CorpusDoc> docs = new ArrayList<>();
        corpus.read(slice, docs::add);
        return docs;
    }

    /** Text fields only, committed: what keyword, fuzzy and export searches need. */
    static CorpusStats buildKeywords(List<CorpusDoc> docs, Path dir) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(IndexFields.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try (Directory directory = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(directory, config)) {
            for (CorpusDoc doc : docs) {
                writer.addDocument(textDocument(doc));
            }
            writer.commit();
        }
        return statsOf(docs);
    }

    /** The complete index; {@code listener} hears of every chunk added (and may stop the build by throwing). */
    CorpusStats build(String corpusName, List<CorpusDoc> docs, Path dir, BuildProgress listener) throws IOException {
        ProgressBar progress = new ProgressBar("indexing " + corpusName, docs.size(), log);
        ExecutorService mergeWorkers = Executors.newFixedThreadPool(SentenceEmbedder.INDEXING_THREADS);
        IndexWriterConfig config = new IndexWriterConfig(IndexFields.analyzer())
                .setRAMBufferSizeMB(RAM_BUFFER_MB)
                .setCodec(codec(mergeWorkers))
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try (Directory directory = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(directory, config)) {
            CompletableFuture<List<float[]>> next = embedAsync(docs, 0);
            try {
                for (int start = 0; start < docs.size(); start += embedChunkDocs) {
                    List<float[]> vectors = join(next);
                    next = embedAsync(docs, start + embedChunkDocs);
                    for (int i = 0; i < vectors.size(); i++) {
                        Document document = textDocument(docs.get(start + i));
                        document.add(new KnnFloatVectorField(IndexFields.VECTOR, vectors.get(i), IndexFields.SIMILARITY));
                        writer.addDocument(document);
                    }
                    progress.advance(vectors.size());
                    listener.indexed(start + vectors.size(), docs.size());
                }
            } finally {
                // a stopped build must not leave the model running: its owner closes the model next
                next.handle((vectors, failure) -> null).join();
            }
            writer.commit();
        } finally {
            mergeWorkers.shutdownNow();
        }
        progress.finish();
        return statsOf(docs);
    }

    private static CorpusStats statsOf(List<CorpusDoc> docs) {
        long totalHitBytes = 0;
        long maxHitBytes = 0;
        for (CorpusDoc doc : docs) {
            long hitBytes = doc.word().getBytes(StandardCharsets.UTF_8).length
                    + doc.text().getBytes(StandardCharsets.UTF_8).length;
            totalHitBytes += hitBytes;
            maxHitBytes = Math.max(maxHitBytes, hitBytes);
        }
        long avgHitBytes = docs.isEmpty() ? 0 : totalHitBytes / docs.size();
        return new CorpusStats(docs.size(), avgHitBytes, maxHitBytes, 0);
    }

    private CompletableFuture<List<float[]>> embedAsync(List<CorpusDoc> docs, int start) {
        if (start >= docs.size()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<String> texts = docs.subList(start, Math.min(docs.size(), start + embedChunkDocs))
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

    /** The fields both indexes share, analysed alike, so keyword answers are the same before and after the switch. */
    private static Document textDocument(CorpusDoc doc) {
        Document document = new Document();
        document.add(new StringField(IndexFields.ID, doc.id(), Field.Store.YES));
        document.add(new TextField(IndexFields.WORD, doc.word(), Field.Store.YES));
        document.add(new TextField(IndexFields.TEXT, doc.text(), Field.Store.YES));
        return document;
    }
}
