package io.provisio.devstack.store;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the store writes a document into its H2 file: as the BSON it arrived in, behind a tag byte.
 *
 * <p>H2's default type wrote every document with Java serialisation, and every commit writes each changed page
 * whole, so one update re-serialised the dozens of documents that share its page: that was a fifth of the
 * store's CPU under the benchmark (docs/PERFORMANCE.md, run 17). Documents written before this type existed are
 * still read (the default type's tags never reach {@link #BSON}); each is rewritten as BSON with its page.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** Not one of {@link ObjectDataType}'s tags (0–119), so an older file's values read as before. */
    static final byte BSON = (byte) 0x7F;

    /** A document's heap size is a few times its BSON size; H2 sizes its pages and its cache with this. */
    private static final int HEAP_PER_BSON_BYTE = 4;

    private final ObjectDataType older = new ObjectDataType();
    private volatile int averageMemory = 1024;

    @Override
    public int getMemory(Document document) {
        return averageMemory;
    }

    @Override
    public void write(WriteBuffer out, Document document) {
        ByteBuf bson = Unpooled.buffer(averageMemory / HEAP_PER_BSON_BYTE + 64);
        BsonEncoder.encodeDocument(document, bson);
        int length = bson.readableBytes();
        out.put(BSON).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
        averageMemory = (length * HEAP_PER_BSON_BYTE + 15 * averageMemory) / 16;
    }

    @Override
    public Document read(ByteBuffer in) {
        if (in.get(in.position()) != BSON) {
            return (Document) older.read(in);
        }
        return readBson(in);
    }

    /** Reads the tag byte and the BSON document behind it, leaving {@code in} after them. */
    static Document readBson(ByteBuffer in) {
        in.get();
        ByteBuf bson = Unpooled.wrappedBuffer(in.slice());
        Document document = BsonDecoder.decodeBson(bson);
        in.position(in.position() + bson.readerIndex());
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
