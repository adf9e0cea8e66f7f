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
 * How the store holds a document in its H2 map, in the file and in H2's page cache alike: as its BSON bytes, written
 * behind a tag byte. {@link IndexedH2Collection} encodes a document once when it is written and decodes it for each
 * read, so H2 only copies bytes.
 *
 * <p>H2's default type wrote every document with Java serialisation, and every commit writes each changed page
 * whole, so one update re-serialised the dozens of documents that share its page: that was a fifth of the store's
 * CPU under the benchmark (docs/PERFORMANCE.md, run 17). Holding decoded documents instead (run 17 to 21) still
 * BSON-encoded every document of every page a commit wrote, decoded every document of every page read from the
 * file, and filled the page cache with objects a few times their BSON size (run 21). Documents written before
 * either existed are still read (the default type's tags never reach {@link #BSON}) and become BSON when their page
 * is next written.
 */
final class BsonBytesType extends BasicDataType<byte[]> {

    /** Not one of {@link ObjectDataType}'s tags (0–119), so an older file's values read as before. */
    static final byte BSON = (byte) 0x7F;

    /** An array's header and length, besides its bytes. */
    private static final int ARRAY_OVERHEAD = 24;

    private final ObjectDataType older = new ObjectDataType();

    @Override
    public int getMemory(byte[] bson) {
        return bson.length + ARRAY_OVERHEAD;
    }

    @Override
    public void write(WriteBuffer out, byte[] bson) {
        out.put(BSON).put(bson);
    }

    @Override
    public byte[] read(ByteBuffer in) {
        if (in.get(in.position()) != BSON) {
            return encode((Document) older.read(in));
        }
        in.get();
        // A BSON document starts with its whole length, a little-endian int32.
        int at = in.position();
        int length = (in.get(at) & 0xFF) | (in.get(at + 1) & 0xFF) << 8 | (in.get(at + 2) & 0xFF) << 16
                | (in.get(at + 3) & 0xFF) << 24;
        byte[] bson = new byte[length];
        in.get(bson);
        return bson;
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }

    static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        BsonEncoder.encodeDocument(document, buffer);
        byte[] bson = new byte[buffer.readableBytes()];
        buffer.readBytes(bson);
        return bson;
    }

    /** A document of its own: nothing else holds it, so the caller may change it. */
    static Document decode(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /** Reads the tag byte and the BSON document behind it, leaving {@code in} after them. */
    static Document readBson(ByteBuffer in) {
        in.get();
        ByteBuf bson = Unpooled.wrappedBuffer(in.slice());
        Document document = BsonDecoder.decodeBson(bson);
        in.position(in.position() + bson.readerIndex());
        return document;
    }
}
