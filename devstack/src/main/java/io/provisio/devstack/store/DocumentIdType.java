package io.provisio.devstack.store;

import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of a collection's documents ({@code _id}s) in the H2 file: H2's default type, written and ordered as
 * before, with string ids (nearly all of ours) compared directly. The default type finds each operand's type
 * through a chain of {@code instanceof} checks on every comparison of every look-up: ~9 % of the store's samples
 * under the benchmark once serialisation was gone (docs/PERFORMANCE.md, run 17).
 */
final class DocumentIdType extends ObjectDataType {

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof String first && b instanceof String second) {
            // What the default type's string comparison does, so the order on file is the same.
            return first.compareTo(second);
        }
        return super.compare(a, b);
    }
}
